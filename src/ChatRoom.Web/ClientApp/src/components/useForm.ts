import { useRef, useState } from 'react';
import { formErrors, type FormErrors } from '../api/problems.ts';
import { useFocusFirstInvalid } from './useFocusFirstInvalid.ts';

type Invalid<F extends string> = Partial<Record<F, string>>;

interface Submission<F extends string> {
  /** Messages from the form's own checks; any of them stops the request. */
  invalid?: Invalid<F>;
  send: () => Promise<void>;
  /** Turns a failure into form errors when the default (problem details by field) does not fit; `null` for the default. */
  explain?: (error: unknown) => FormErrors<F> | null;
}

/**
 * A form's values, field errors and busy state: `submit` checks, sends once at a time, maps problem
 * details onto the fields and puts the keyboard on the first field complained about.
 */
export function useForm<V extends Record<F, string>, F extends string>(initial: V | (() => V), labels: Record<F, string>) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FormErrors<F>>({ fields: {}, general: null });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  function fail(next: FormErrors<F>) {
    setErrors(next);
    setAttempt((n) => n + 1);
  }

  async function submit({ invalid = {}, send, explain }: Submission<F>): Promise<void> {
    if (busy) return;
    setStatus('');
    if (Object.keys(invalid).length > 0) {
      fail({ fields: invalid, general: null });
      return;
    }
    setBusy(true);
    setErrors({ fields: {}, general: null });
    try {
      await send();
    } catch (error) {
      fail(explain?.(error) ?? formErrors(error, labels));
    } finally {
      setBusy(false);
    }
  }

  /** Value, error and change handler for a text-like field. */
  function bind(name: F) {
    return {
      value: values[name],
      error: errors.fields[name],
      onChange: (event: { target: { value: string } }) => {
        setValues((v) => ({ ...v, [name]: event.target.value }));
      },
    };
  }

  return { form, values, setValues, errors, status, setStatus, busy, submit, bind };
}
