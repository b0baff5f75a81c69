import { isHttpUrl, updateProfile } from '../../api/profile.ts';
import type { User } from '../../api/session.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { FormMessages, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const LABELS = { displayName: 'Display name', avatarUrl: 'Avatar URL' };

export function ProfileForm({ user }: { user: User }) {
  const { session } = useSession();
  const { form, errors, status, busy, submit, bind } = useForm(
    { displayName: user.displayName ?? '', avatarUrl: user.avatarUrl ?? '' },
    {
      labels: LABELS,
      validate: (values) =>
        isHttpUrl(values.avatarUrl) ? {} : { avatarUrl: 'Enter a web address starting with http:// or https://, or leave it empty.' },
      // Empty strings clear a value; the Api trims both.
      send: (values) => updateProfile({ displayName: values.displayName.trim(), avatarUrl: values.avatarUrl.trim() }),
      onSuccess: (saved, { setValues, setStatus }) => {
        session.updateUser(saved);
        setValues({ displayName: saved.displayName ?? '', avatarUrl: saved.avatarUrl ?? '' });
        setStatus('Your profile is saved.');
      },
    },
  );

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={busy}>
      <FormMessages status={status} error={errors.general} />
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
