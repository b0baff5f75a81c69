import { ErrorCodes } from '../api/errorCodes.ts';
import { ApiError } from '../api/problems.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ErrorAlert, TextField } from './Field.tsx';
import { useForm } from './useForm.ts';

const LABELS = { userName: 'User name', password: 'Password', displayName: 'Display name' };
type FieldName = keyof typeof LABELS;
type Values = Record<FieldName, string>;

const EMPTY: Values = { userName: '', password: '', displayName: '' };

/** State and submit handling shared by the three ways in; `action` does the Api call. */
function useAuthForm(required: FieldName[], action: (values: Values) => Promise<unknown>, conflictField?: FieldName) {
  const { form, errors, busy, submit, bind } = useForm<Values, FieldName, unknown>(EMPTY, {
    labels: LABELS,
    validate: (values) => {
      const missing: Partial<Values> = {};
      for (const name of required) {
        if (values[name].trim() === '') missing[name] = `Enter your ${LABELS[name].toLowerCase()}.`;
      }
      return missing;
    },
    send: action,
    explain: (error) => {
      // Wrong user name or password: one message for the form, never saying which of the two was wrong.
      if (error instanceof ApiError && error.code === ErrorCodes.invalidCredentials) return { fields: {}, general: error.message };
      // A taken user name is a 409 with a detail, but it belongs next to the field.
      if (conflictField && error instanceof ApiError && error.status === 409) return { fields: { [conflictField]: error.message }, general: null };
      return null;
    },
  });

  return { form, errors, busy, onSubmit: submit, bind: (name: FieldName) => ({ name, ...bind(name) }) };
}

export function SignInForm() {
  const { session } = useSession();
  const { form, errors, busy, onSubmit, bind } = useAuthForm(['userName', 'password'], (v) => session.signIn(v.userName.trim(), v.password));
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="stack" aria-busy={busy}>
      <ErrorAlert message={errors.general} />
      <TextField label="User name" autoComplete="username" autoCapitalize="none" spellCheck={false} {...bind('userName')} />
      <TextField label="Password" type="password" autoComplete="current-password" {...bind('password')} />
      <button type="submit">Sign in</button>
    </form>
  );
}

export function RegisterForm() {
  const { session } = useSession();
  const { form, errors, busy, onSubmit, bind } = useAuthForm(
    ['userName', 'password'],
    (v) => session.register(v.userName.trim(), v.password, v.displayName.trim() || null),
    'userName',
  );
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="stack" aria-busy={busy}>
      <ErrorAlert message={errors.general} />
      <TextField
        label="User name"
        hint="3 to 32 letters, digits, '_', '.' or '-'."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={32}
        {...bind('userName')}
      />
      <TextField
        label="Password"
        hint="8 to 128 characters."
        type="password"
        autoComplete="new-password"
        maxLength={128}
        {...bind('password')}
      />
      <TextField label="Display name" hint="Optional: how others see you." maxLength={64} {...bind('displayName')} />
      <button type="submit">
        Create account
      </button>
    </form>
  );
}

export function GuestForm() {
  const { session } = useSession();
  const { form, errors, busy, onSubmit, bind } = useAuthForm([], (v) => session.continueAsGuest(v.displayName.trim() || null));
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="stack" aria-busy={busy}>
      <ErrorAlert message={errors.general} />
      <p className="muted">A guest account is temporary and has no password. Create an account to keep your name.</p>
      <TextField label="Display name" hint="Optional: how others see you." maxLength={64} {...bind('displayName')} />
      <button type="submit">
        Continue as guest
      </button>
    </form>
  );
}
