import type { SubmitEvent } from 'react';
import { changePassword } from '../../api/profile.ts';
import { FormMessages, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' };
const EMPTY = { currentPassword: '', newPassword: '' };

export function PasswordForm() {
  const { form, values, setValues, errors, status, setStatus, busy, submit, bind } = useForm(EMPTY, LABELS);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid: Partial<Record<keyof typeof LABELS, string>> = {};
    if (values.currentPassword === '') invalid.currentPassword = 'Enter your current password.';
    if (values.newPassword.length < 8 || values.newPassword.length > 128) invalid.newPassword = 'Use 8 to 128 characters.';
    void submit({
      invalid,
      send: async () => {
        await changePassword(values.currentPassword, values.newPassword);
        setValues(EMPTY);
        setStatus('Your password is changed. Your other sessions were signed out; this one stays signed in.');
      },
    });
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="stack" aria-busy={busy}>
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
