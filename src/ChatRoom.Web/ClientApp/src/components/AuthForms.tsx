import { useRef, useState, type RefObject, type SubmitEvent } from 'react';
import { ErrorCodes } from '../api/errorCodes.ts';
import { ApiError, formErrors, type FormErrors } from '../api/problems.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ErrorAlert, TextField } from './Field.tsx';
import { useFocusFirstInvalid } from './useFocusFirstInvalid.ts';

const LABELS = { userName: 'User name', password: 'Password', displayName: 'Display name' };
type FieldName = keyof typeof LABELS;
type Values = Record<FieldName, string>;

const EMPTY: Values = { userName: '', password: '', displayName: '' };
const NO_ERRORS: FormErrors<FieldName> = { fields: {}, general: null };

/** State and submit handling shared by the three ways in; `action` does the Api call. */
function useAuthForm(
  form: RefObject<HTMLFormElement | null>,
  required: FieldName[],
  action: (values: Values) => Promise<void>,
  conflictField?: FieldName,
) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(form, attempt);

  function fail(next: FormErrors<FieldName>) {
    setErrors(next);
    setAttempt((n) => n + 1);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button stays enabled (disabling it would drop keyboard focus); a second submit just waits.
    if (busy) return;
    const missing: FormErrors<FieldName> = { fields: {}, general: null };
    for (const name of required) {
      if (values[name].trim() === '') missing.fields[name] = `Enter your ${LABELS[name].toLowerCase()}.`;
    }
    if (Object.keys(missing.fields).length > 0) {
      fail(missing);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action(values);
    } catch (error) {
      // Wrong user name or password: one message for the form, never saying which of the two was wrong.
      if (error instanceof ApiError && error.code === ErrorCodes.invalidCredentials) {
        fail({ fields: {}, general: error.message });
      } else if (conflictField && error instanceof ApiError && error.status === 409) {
        // A taken user name is a 409 with a detail, but it belongs next to the field.
        fail({ fields: { [conflictField]: error.message }, general: null });
      } else {
        fail(formErrors(error, LABELS));
      }
    } finally {
      setBusy(false);
    }
  }

  function bind(name: FieldName) {
    return {
      name,
      value: values[name],
      error: errors.fields[name],
      onChange: (event: { target: { value: string } }) => {
        setValues((v) => ({ ...v, [name]: event.target.value }));
      },
    };
  }

  return { errors, busy, bind, onSubmit: (event: SubmitEvent<HTMLFormElement>) => void submit(event) };
}

export function SignInForm() {
  const { session } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const f = useAuthForm(form, ['userName', 'password'], (v) => session.signIn(v.userName.trim(), v.password));
  return (
    <form ref={form} onSubmit={f.onSubmit} noValidate className="stack" aria-busy={f.busy}>
      <ErrorAlert message={f.errors.general} />
      <TextField label="User name" autoComplete="username" autoCapitalize="none" spellCheck={false} {...f.bind('userName')} />
      <TextField label="Password" type="password" autoComplete="current-password" {...f.bind('password')} />
      <button type="submit">Sign in</button>
    </form>
  );
}

export function RegisterForm() {
  const { session } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const f = useAuthForm(
    form,
    ['userName', 'password'],
    (v) => session.register(v.userName.trim(), v.password, v.displayName.trim() || null),
    'userName',
  );
  return (
    <form ref={form} onSubmit={f.onSubmit} noValidate className="stack" aria-busy={f.busy}>
      <ErrorAlert message={f.errors.general} />
      <TextField
        label="User name"
        hint="3 to 32 letters, digits, '_', '.' or '-'."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={32}
        {...f.bind('userName')}
      />
      <TextField
        label="Password"
        hint="8 to 128 characters."
        type="password"
        autoComplete="new-password"
        maxLength={128}
        {...f.bind('password')}
      />
      <TextField label="Display name" hint="Optional: how others see you." maxLength={64} {...f.bind('displayName')} />
      <button type="submit">
        Create account
      </button>
    </form>
  );
}

export function GuestForm() {
  const { session } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const f = useAuthForm(form, [], (v) => session.continueAsGuest(v.displayName.trim() || null));
  return (
    <form ref={form} onSubmit={f.onSubmit} noValidate className="stack" aria-busy={f.busy}>
      <ErrorAlert message={f.errors.general} />
      <p className="muted">A guest account is temporary and has no password. Create an account to keep your name.</p>
      <TextField label="Display name" hint="Optional: how others see you." maxLength={64} {...f.bind('displayName')} />
      <button type="submit">
        Continue as guest
      </button>
    </form>
  );
}
