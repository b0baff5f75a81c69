import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, formErrors, type FormErrors } from '../../api/problems.ts';
import { createReport, MAX_REASON_LENGTH, type ReportTarget } from '../../api/reports.ts';
import { Dialog } from '../Dialog.tsx';
import { ErrorAlert, TextAreaField } from '../Field.tsx';
import { useFocusFirstInvalid } from '../useFocusFirstInvalid.ts';

const LABELS = { reason: 'Reason' };
const NO_ERRORS: FormErrors<'reason'> = { fields: {}, general: null };

export interface ReportSubject {
  target: ReportTarget;
  /** What is reported, for the title: "bob's message" or "bob". */
  description: string;
}

/** Asks why, sends the report, and says plainly what happened (including "you already reported this"). */
export function ReportDialog({ subject, onClose }: { subject: ReportSubject; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  const outcomeId = useId();
  useFocusFirstInvalid(form, attempt);

  // The form leaves; the keyboard goes to the one button that remains.
  useEffect(() => {
    if (outcome !== null) doneButton.current?.focus();
  }, [outcome]);

  function fail(next: FormErrors<'reason'>) {
    setErrors(next);
    setAttempt((n) => n + 1);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const text = reason.trim();
    if (text === '') {
      fail({ fields: { reason: 'Say what is wrong, so the moderators know what to look for.' }, general: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await createReport(subject.target, text);
      setOutcome('Thank you. Your report is with the moderators.');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setOutcome('You already reported this, and the moderators have not closed that report yet.');
      } else if (error instanceof ApiError && error.status === 404) {
        fail({ fields: {}, general: 'This no longer exists, so there is nothing to report.' });
      } else {
        fail(formErrors(error, LABELS));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Report ${subject.description}`} onClose={onClose}>
      {outcome !== null ? (
        <div className="stack">
          <p role="status" id={outcomeId}>
            {outcome}
          </p>
          <div>
            {/* Focus lands here as the message appears: described by it, so it is read either way. */}
            <button ref={doneButton} type="button" aria-describedby={outcomeId} onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <form ref={form} className="stack" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy}>
          <ErrorAlert message={errors.general} />
          <TextAreaField
            label="Reason"
            hint={`What is wrong? Up to ${String(MAX_REASON_LENGTH)} characters; only moderators see it.`}
            rows={4}
            maxLength={MAX_REASON_LENGTH}
            value={reason}
            error={errors.fields.reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
          <div className="form-actions">
            <button type="submit">Send report</button>
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
