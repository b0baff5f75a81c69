import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { approveDocument, MAX_REVIEW_REASON_LENGTH, rejectDocument, sizeText, type IdentityReviewItem } from '../../api/identity.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { TextAreaField } from '../Field.tsx';
import { DocumentViewer } from './DocumentViewer.tsx';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
// A date of birth is a calendar day: shown as written, not moved by the viewer's time zone.
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export type Decision = { approve: true; reason: string | null } | { approve: false; reason: string };

export interface DecisionEvents {
  onDecided: (item: IdentityReviewItem, decision: Decision) => void;
  onFailed: (item: IdentityReviewItem, decision: Decision, error: unknown) => void;
}

/** One document waiting for review: who sent it, what OCR read, the file on request, and the decision. */
export function IdentityCard({ item, events }: { item: IdentityReviewItem; events: DecisionEvents }) {
  const headingId = useId();
  const [viewing, setViewing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const name = nameOf(item.user);
  const deciding = useMutation({
    mutationFn: (decision: Decision) =>
      decision.approve ? approveDocument(item.id, decision.reason) : rejectDocument(item.id, decision.reason),
    onSuccess: (_, decision) => {
      events.onDecided(item, decision);
    },
    onError: (error, decision) => {
      events.onFailed(item, decision, error);
    },
  });
  const busy = deciding.isPending;

  function reject() {
    const text = reason.trim();
    // The member is told why; the Api refuses a rejection without a reason anyway.
    setReasonMissing(text === '');
    if (text !== '' && !busy) deciding.mutate({ approve: false, reason: text });
  }

  return (
    <article aria-labelledby={headingId} className="report" aria-busy={busy}>
      <header className="report-header">
        <h3 id={headingId}>
          Document from {name} <span className="muted">@{item.user.userName}</span>
        </h3>
        <time dateTime={item.submittedAt}>Sent {dateTime.format(new Date(item.submittedAt))}</time>
      </header>
      <p className="muted">
        {item.contentType === 'application/pdf' ? 'PDF' : item.contentType === 'image/png' ? 'PNG image' : 'JPEG image'},{' '}
        {sizeText(item.sizeBytes)}
      </p>
      <OcrHints item={item} />
      <div>
        <button
          type="button"
          className="secondary"
          aria-expanded={viewing}
          onClick={() => {
            setViewing((v) => !v);
          }}
        >
          {viewing ? 'Hide document' : 'View document'}
        </button>
      </div>
      {viewing && <DocumentViewer item={item} />}
      <TextAreaField
        label="Reason"
        hint={`Needed to reject, optional to approve; ${name} is told it. At most ${String(MAX_REVIEW_REASON_LENGTH)} characters.`}
        rows={2}
        maxLength={MAX_REVIEW_REASON_LENGTH}
        value={reason}
        error={reasonMissing ? 'Give the reason for rejecting: the member is told it.' : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setReasonMissing(false);
        }}
      />
      <div className="form-actions">
        <button
          type="button"
          onClick={() => {
            if (!busy) deciding.mutate({ approve: true, reason: reason.trim() || null });
          }}
        >
          Approve
        </button>
        <button type="button" className="danger" onClick={reject}>
          Reject
        </button>
      </div>
    </article>
  );
}

/** What OCR read, as hints only: the moderator decides on the document itself. */
function OcrHints({ item }: { item: IdentityReviewItem }) {
  if (!item.read) {
    return (
      <p className="notice">
        <strong>OCR still reading…</strong> No hints yet: they appear here when it is done, or look at the document yourself.
      </p>
    );
  }
  const under18 = item.hintAge !== null && item.hintAge < 18;
  return (
    <>
      {item.unreadable && (
        <div className="notice notice-error">
          <p>
            <strong>Warning: OCR could not read it: check it yourself.</strong>
          </p>
          {item.readNote && <p>{item.readNote}</p>}
        </div>
      )}
      <dl className="facts">
        <dt>Name on document</dt>
        <dd>{item.hintName ?? <span className="muted">not read</span>}</dd>
        <dt>Date of birth</dt>
        <dd>
          {item.hintDateOfBirth === null ? (
            <span className="muted">not read</span>
          ) : (
            <>
              {day.format(new Date(item.hintDateOfBirth))}
              {item.hintAge !== null && ` (age ${String(item.hintAge)})`}
              {under18 && <strong> Under 18</strong>}
            </>
          )}
        </dd>
        <dt>Document number</dt>
        <dd>{item.hintDocumentNumber ?? <span className="muted">not read</span>}</dd>
      </dl>
      {!item.unreadable && item.readNote && <p className="muted">OCR note: {item.readNote}</p>}
    </>
  );
}
