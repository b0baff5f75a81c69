import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldFrame {
  label: string;
  /** Shown under the control and read with it, e.g. "Optional." */
  hint?: string;
  /** The server's (or our) complaint about this value; marks the control invalid. */
  error?: string | undefined;
}

function useFieldIds(id: string | undefined, hint: string | undefined, error: string | undefined) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { controlId, hintId, errorId, describedBy };
}

function Frame({ label, hint, error, ids, children }: FieldFrame & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={ids.controlId}>{label}</label>
      {children}
      {hint && (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={ids.errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, hint, error, id, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id, hint, error);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <input id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, id, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id, hint, error);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <select id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select} />
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, id, ...textarea }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id, hint, error);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <textarea id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...textarea} />
    </Frame>
  );
}

/** A checkbox with its label after it, as people expect. */
export function CheckboxField({ label, id, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const controlId = id ?? generated;
  return (
    <div className="field field-checkbox">
      <input id={controlId} type="checkbox" {...input} />
      <label htmlFor={controlId}>{label}</label>
    </div>
  );
}

/** A general error for a form or page, announced as it appears. */
export function ErrorAlert({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <p role="alert" className="notice notice-error">
      {message}
    </p>
  );
}

/** The lines above a form: what its last submit did (when the form reports that) and what went wrong. */
export function FormMessages({ status, error }: { status?: string; error: string | null }) {
  return (
    <>
      {status !== undefined && (
        <p role="status" className="status-line">
          {status}
        </p>
      )}
      <ErrorAlert message={error} />
    </>
  );
}
