import { useEffect, useId, useRef, useState } from 'react';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError } from '../../api/problems.ts';
import { createReport, MAX_REASON_LENGTH, type ReportTarget } from '../../api/reports.ts';
import { Dialog } from '../Dialog.tsx';
import { ErrorAlert, TextAreaField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const LABELS = { reason: 'Reason' };

export interface ReportSubject {
  target: ReportTarget;
  /** What is reported, for the title: "bob's message" or "bob". */
  description: string;
}

/** Asks why, sends the report, and says plainly what happened (including "you already reported this"). */
export function ReportDialog({ subject, onClose }: { subject: ReportSubject; onClose: () => void }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  const outcomeId = useId();
  const { form, errors, busy, submit, bind } = useForm(
    { reason: '' },
    {
      labels: LABELS,
      validate: ({ reason }) =>
        reason.trim() === '' ? { reason: 'Say what is wrong, so the moderators know what to look for.' } : {},
      send: async ({ reason }) => {
        try {
          await createReport(subject.target, reason.trim());
          return 'Thank you. Your report is with the moderators.';
        } catch (error) {
          // Not a failure to the reporter: the report they made before is still open.
          if (error instanceof ApiError && (error.code === ErrorCodes.reportDuplicate || error.status === 409)) {
            return 'You already reported this, and the moderators have not closed that report yet.';
          }
          throw error;
        }
      },
      onSuccess: setOutcome,
      explain: (error) =>
        error instanceof ApiError && error.status === 404
          ? { fields: {}, general: 'This no longer exists, so there is nothing to report.' }
          : null,
    },
  );

  // The form leaves; the keyboard goes to the one button that remains.
  useEffect(() => {
    if (outcome !== null) doneButton.current?.focus();
  }, [outcome]);

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
        <form ref={form} className="stack" noValidate onSubmit={submit} aria-busy={busy}>
          <ErrorAlert message={errors.general} />
          <TextAreaField
            label="Reason"
            hint={`What is wrong? Up to ${String(MAX_REASON_LENGTH)} characters; only moderators see it.`}
            rows={4}
            maxLength={MAX_REASON_LENGTH}
            {...bind('reason')}
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
