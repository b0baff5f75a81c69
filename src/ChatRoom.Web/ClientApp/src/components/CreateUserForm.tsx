import { ApiError } from '../api/problems.ts';
import { ASSIGNABLE_ROLES, createUser, type AssignableRole, type User } from '../api/users.ts';
import { ErrorAlert, SelectField, TextField } from './Field.tsx';
import { useForm } from './useForm.ts';

const LABELS = { userName: 'User name', password: 'Password', displayName: 'Display name', role: 'Role' };
type FieldName = keyof typeof LABELS;
type Values = Omit<Record<FieldName, string>, 'role'> & { role: AssignableRole };

const EMPTY: Values = { userName: '', password: '', displayName: '', role: 'User' };

export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { form, errors, busy, submit, bind } = useForm<Values, FieldName, User>(EMPTY, {
    labels: LABELS,
    send: (values) =>
      createUser({
        userName: values.userName.trim(),
        password: values.password,
        role: values.role,
        displayName: values.displayName.trim() || null,
      }),
    onSuccess: (user, sent) => {
      sent.setValues(EMPTY);
      onCreated(user);
    },
    // A taken user name is a 409 with a detail, but it belongs next to the field.
    explain: (error) => (error instanceof ApiError && error.status === 409 ? { fields: { userName: error.message }, general: null } : null),
  });

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack create-user" aria-busy={busy}>
      <ErrorAlert message={errors.general} />
      <div className="field-row">
        <TextField label="User name" autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={32} {...bind('userName')} />
        <TextField label="Password" type="password" autoComplete="new-password" maxLength={128} {...bind('password')} />
      </div>
      <div className="field-row">
        <TextField label="Display name" hint="Optional." maxLength={64} {...bind('displayName')} />
        <SelectField label="Role" {...bind('role')}>
          {ASSIGNABLE_ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <button type="submit">Create user</button>
      </div>
    </form>
  );
}
