import { useRef, useState, type SubmitEvent } from 'react';
import { ApiError, formErrors, type FormErrors } from '../api/problems.ts';
import { ASSIGNABLE_ROLES, createUser, type AssignableRole, type User } from '../api/users.ts';
import { ErrorAlert, SelectField, TextField } from './Field.tsx';
import { useFocusFirstInvalid } from './useFocusFirstInvalid.ts';

const LABELS = { userName: 'User name', password: 'Password', displayName: 'Display name', role: 'Role' };
type FieldName = keyof typeof LABELS;
type Values = Omit<Record<FieldName, string>, 'role'> & { role: AssignableRole };

const EMPTY: Values = { userName: '', password: '', displayName: '', role: 'User' };
const NO_ERRORS: FormErrors<FieldName> = { fields: {}, general: null };

export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const user = await createUser({
        userName: values.userName.trim(),
        password: values.password,
        role: values.role,
        displayName: values.displayName.trim() || null,
      });
      setValues(EMPTY);
      onCreated(user);
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.status === 409
          ? { fields: { userName: error.message }, general: null }
          : formErrors(error, LABELS),
      );
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  function set<K extends FieldName>(name: K, value: Values[K]) {
    setValues((v) => ({ ...v, [name]: value }));
  }

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="stack create-user" aria-busy={busy}>
      <ErrorAlert message={errors.general} />
      <div className="field-row">
        <TextField
          label="User name"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={32}
          value={values.userName}
          error={errors.fields.userName}
          onChange={(e) => {
            set('userName', e.target.value);
          }}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          maxLength={128}
          value={values.password}
          error={errors.fields.password}
          onChange={(e) => {
            set('password', e.target.value);
          }}
        />
      </div>
      <div className="field-row">
        <TextField
          label="Display name"
          hint="Optional."
          maxLength={64}
          value={values.displayName}
          error={errors.fields.displayName}
          onChange={(e) => {
            set('displayName', e.target.value);
          }}
        />
        <SelectField
          label="Role"
          value={values.role}
          error={errors.fields.role}
          onChange={(e) => {
            set('role', e.target.value as AssignableRole);
          }}
        >
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
