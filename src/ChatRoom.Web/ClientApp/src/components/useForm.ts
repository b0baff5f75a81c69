import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type Dispatch, type SetStateAction, type SubmitEvent } from 'react';
import { formErrors, type FormErrors } from '../api/problems.ts';
import { useFocusFirstInvalid } from './useFocusFirstInvalid.ts';

type Invalid<F extends string> = Partial<Record<F, string>>;

/** What a successful send may change: the form's values (still the ones sent) and its status line. */
export interface Sent<V> {
  values: V;
  setValues: Dispatch<SetStateAction<V>>;
  setStatus: (status: string) => void;
}

export interface FormOptions<V, F extends string, T> {
  /** The fields' names as the form shows them; the server's complaints are matched to these names. */
  labels: Record<F, string>;
  /** The form's own checks; any message stops the request. */
  validate?: (values: V) => Invalid<F>;
  /** The server write. */
  send: (values: V) => Promise<T>;
  onSuccess?: (result: T, form: Sent<V>) => void;
  /** Turns a failure into form errors when the default (problem details by field) does not fit; `null` for the default. */
  explain?: (error: unknown) => FormErrors<F> | null;
}

const NO_ERRORS = { fields: {}, general: null };

/**
 * A form's values and the mutation it submits: `submit` checks, sends once at a time, maps problem details onto
 * the fields and puts the keyboard on the first field complained about.
 */
export function useForm<V extends Record<F, string>, F extends string, T>(initial: V | (() => V), options: FormOptions<V, F, T>) {
  const [values, setValues] = useState<V>(initial);
  const [invalid, setInvalid] = useState<Invalid<F> | null>(null);
  const [status, setStatus] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: options.send,
    onSuccess: (result, sent) => options.onSuccess?.(result, { values: sent, setValues, setStatus }),
  });
  useFocusFirstInvalid(form, invalid ?? mutation.error);

  const errors: FormErrors<F> =
    invalid !== null ? { fields: invalid, general: null }
    : mutation.error !== null ? (options.explain?.(mutation.error) ?? formErrors(mutation.error, options.labels))
    : NO_ERRORS;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button stays enabled (disabling it would drop keyboard focus); a second submit just waits.
    if (mutation.isPending) return;
    setStatus('');
    const found = options.validate?.(values) ?? {};
    if (Object.keys(found).length > 0) {
      mutation.reset();
      setInvalid(found);
      return;
    }
    setInvalid(null);
    mutation.mutate(values);
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

  // `failure`: the last send's error as it came, for a form that shows more than words for some (a link, say).
  return { form, values, setValues, errors, failure: mutation.error, status, busy: mutation.isPending, submit, bind };
}
