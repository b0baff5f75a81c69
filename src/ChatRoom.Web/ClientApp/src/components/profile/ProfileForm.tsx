import { useRef, useState, type SubmitEvent } from 'react';
import { isHttpUrl, updateProfile } from '../../api/profile.ts';
import { formErrors, type FormErrors } from '../../api/problems.ts';
import type { User } from '../../api/session.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert, TextField } from '../Field.tsx';
import { useFocusFirstInvalid } from '../useFocusFirstInvalid.ts';

const LABELS = { displayName: 'Display name', avatarUrl: 'Avatar URL' };
type FieldName = keyof typeof LABELS;
const NO_ERRORS: FormErrors<FieldName> = { fields: {}, general: null };

export function ProfileForm({ user }: { user: User }) {
  const { session } = useSession();
  const [values, setValues] = useState({ displayName: user.displayName ?? '', avatarUrl: user.avatarUrl ?? '' });
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
    if (!isHttpUrl(values.avatarUrl)) {
      fail({ fields: { avatarUrl: 'Enter a web address starting with http:// or https://, or leave it empty.' }, general: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      // Empty strings clear a value; the Api trims both.
      const saved = await updateProfile({ displayName: values.displayName.trim(), avatarUrl: values.avatarUrl.trim() });
      session.updateUser(saved);
      setValues({ displayName: saved.displayName ?? '', avatarUrl: saved.avatarUrl ?? '' });
      setStatus('Your profile is saved.');
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
      <TextField label="Display name" hint={`Shown beside your messages instead of @${user.userName}. Optional.`} maxLength={64} autoComplete="nickname" {...bind('displayName')} />
      <TextField
        label="Avatar URL"
        hint="An image address starting with https:// (or http://). Optional."
        type="url"
        inputMode="url"
        maxLength={2048}
        autoComplete="photo"
        spellCheck={false}
        {...bind('avatarUrl')}
      />
      <div>
        <button type="submit">Save profile</button>
      </div>
    </form>
  );
}
