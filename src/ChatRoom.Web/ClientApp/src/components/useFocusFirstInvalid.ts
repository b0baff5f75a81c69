import { useEffect, type RefObject } from 'react';

/**
 * After a failed submit, puts the keyboard on the first field the server or the form complained about. `failure` is
 * what went wrong (the form's own findings or the server's error): a new one for every failed attempt, null for none.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, failure: unknown): void {
  useEffect(() => {
    if (failure === null) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, failure]);
}
