import { changePassword } from '../../api/profile.ts';
import { FormMessages, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' };
type Values = Record<keyof typeof LABELS, string>;
const EMPTY: Values = { currentPassword: '', newPassword: '' };

export function PasswordForm() {
  const { form, errors, status, busy, submit, bind } = useForm(EMPTY, {
    labels: LABELS,
    validate: (values) => {
      const invalid: Partial<Values> = {};
      if (values.currentPassword === '') invalid.currentPassword = 'Enter your current password.';
      if (values.newPassword.length < 8 || values.newPassword.length > 128) invalid.newPassword = 'Use 8 to 128 characters.';
      return invalid;
    },
    send: (values) => changePassword(values.currentPassword, values.newPassword),
    onSuccess: (_, { setValues, setStatus }) => {
      setValues(EMPTY);
      setStatus('Your password is changed. Your other sessions were signed out; this one stays signed in.');
    },
  });

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={busy}>
      <FormMessages status={status} error={errors.general} />
      <TextField label="Current password" type="password" autoComplete="current-password" maxLength={128} {...bind('currentPassword')} />
      <TextField
        label="New password"
        hint="8 to 128 characters. Your other sessions will be signed out."
        type="password"
        autoComplete="new-password"
        maxLength={128}
        {...bind('newPassword')}
      />
      <div>
        <button type="submit">Change password</button>
      </div>
    </form>
  );
}
