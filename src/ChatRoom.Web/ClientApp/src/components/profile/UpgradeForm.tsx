import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError } from '../../api/problems.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { FormMessages, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const LABELS = { userName: 'User name', password: 'Password', displayName: 'Display name' };
type Values = Record<keyof typeof LABELS, string>;
const EMPTY: Values = { userName: '', password: '', displayName: '' };

/**
 * A guest registers in place: the same account, with its messages and rooms, gets a name and a password. The session
 * takes the new tokens at once, so the page goes on as the registered account.
 */
export function UpgradeForm({ onRegistered }: { onRegistered: () => void }) {
  const { session } = useSession();
  const { form, errors, busy, submit, bind } = useForm(EMPTY, {
    labels: LABELS,
    validate: (values) => {
      const invalid: Partial<Values> = {};
      if (values.userName.trim() === '') invalid.userName = 'Choose a user name.';
      if (values.password.length < 8 || values.password.length > 128) invalid.password = 'Use 8 to 128 characters.';
      return invalid;
    },
    send: (values) => session.upgrade(values.userName.trim(), values.password, values.displayName.trim() || null),
    onSuccess: onRegistered,
    // A taken name belongs next to the name; the rest (e.g. registered already in another tab) above the form.
    explain: (error) =>
      error instanceof ApiError && error.code === ErrorCodes.nameTaken ? { fields: { userName: error.message }, general: null } : null,
  });

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={busy}>
      <FormMessages error={errors.general} />
      <TextField
        label="User name"
        hint="3 to 32 letters, digits, '_', '.' or '-'. You sign in with it."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={32}
        {...bind('userName')}
      />
      <TextField label="Password" hint="8 to 128 characters." type="password" autoComplete="new-password" maxLength={128} {...bind('password')} />
      <TextField label="Display name" hint="Optional: how others see you. Left empty, a name you chose as a guest stays." maxLength={64} {...bind('displayName')} />
      <div>
        <button type="submit">Register this account</button>
      </div>
    </form>
  );
}
