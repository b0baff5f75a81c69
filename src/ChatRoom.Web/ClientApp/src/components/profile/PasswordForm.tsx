import { useRef, useState, type SubmitEvent } from 'react';
import { changePassword } from '../../api/profile.ts';
import { formErrors, type FormErrors } from '../../api/problems.ts';
import { ErrorAlert, TextField } from '../Field.tsx';
import { useFocusFirstInvalid } from '../useFocusFirstInvalid.ts';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' };
type FieldName = keyof typeof LABELS;
const NO_ERRORS: FormErrors<FieldName> = { fields: {}, general: null };
const EMPTY = { currentPassword: '', newPassword: '' };

export function PasswordForm() {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  function fail(next: FormErrors<FieldName>) {
    setErrors(next);
    setAttempt((n) => n + 1);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setStatus('');
    const fields: FormErrors<FieldName>['fields'] = {};
    if (values.currentPassword === '') fields.currentPassword = 'Enter your current password.';
    if (values.newPassword.length < 8 || values.newPassword.length > 128) fields.newPassword = 'Use 8 to 128 characters.';
    if (Object.keys(fields).length > 0) {
      fail({ fields, general: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      setValues(EMPTY);
      setStatus('Your password is changed. Your other sessions were signed out; this one stays signed in.');
    } catch (error) {
      fail(formErrors(error, LABELS));
    } finally {
      setBusy(false);
    }
  }

  function bind(name: FieldName) {
    return {
      value: values[name],
      error: errors.fields[name],
      onChange: (event: { target: { value: string } }) => {
        setValues((v) => ({ ...v, [name]: event.target.value }));
      },
    };
  }

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="stack" aria-busy={busy}>
      <p role="status" className="status-line">
        {status}
      </p>
      <ErrorAlert message={errors.general} />
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
