import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { fetchVerificationStatus, type IdentityStatus } from '../../api/identity.ts';
import { describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { DocumentUploadForm } from './DocumentUploadForm.tsx';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Age verification by identity document: what became of the last one sent, and a way to send one while there is
 * nothing pending and the age is not verified yet. 18+ rooms admit only verified members.
 */
export function IdentityForm() {
  const status = useQuery({ queryKey: queryKeys.verification, queryFn: ({ signal }) => fetchVerificationStatus({ signal }) });
  const statusLine = useRef<HTMLDivElement>(null);

  if (status.isError && !status.isFetching) {
    return (
      <div role="alert" className="notice notice-error">
        <p>Could not load your age verification: {describeError(status.error)}</p>
        <button type="button" onClick={() => void status.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const current = status.data;
  if (!current) {
    return (
      <p role="status" className="status-line">
        Loading your age verification…
      </p>
    );
  }
  const canSend = !current.ageVerified && (current.status === 'None' || current.status === 'Rejected');
  return (
    <div className="stack">
      {/* A live region: a decision arriving while the page is open is read out, as is the answer to a send. */}
      <div ref={statusLine} role="status" tabIndex={-1}>
        <StatusText status={current} />
      </div>
      {canSend && (
        <>
          <p className="muted">
            To enter 18+ rooms, send a photo or scan of an identity document that shows your name and date of birth (an
            ID card, passport or driving licence). A moderator looks at it to confirm that you are 18 or older. Nobody else
            sees it, and it is deleted after the review plus a retention period.
          </p>
          <DocumentUploadForm
            onSent={() => {
              // The form goes away with the button the keyboard was on: the keyboard moves to the news.
              statusLine.current?.focus();
            }}
          />
        </>
      )}
    </div>
  );
}

/** The status in words, not only a badge: "waiting for review", "verified", "rejected" with the moderator's reason. */
function StatusText({ status }: { status: IdentityStatus }) {
  const sent = status.submittedAt === null ? '' : ` (sent ${dateTime.format(new Date(status.submittedAt))})`;
  if (status.ageVerified) {
    return (
      <p className="notice">
        <strong>Age verified.</strong> You can enter 18+ rooms.
      </p>
    );
  }
  switch (status.status) {
    case 'None':
      return <p>Status: not sent. You have not sent an identity document yet.</p>;
    case 'Pending':
      return (
        <p className="notice">
          <strong>Waiting for review.</strong> Your document{sent} is waiting for a moderator. You will be told here and
          with a notice when it is decided.
        </p>
      );
    case 'Approved':
      return (
        <p className="notice">
          <strong>Approved.</strong> Your document{sent} was approved.
        </p>
      );
    case 'Rejected':
      return (
        <div className="notice notice-error">
          <p>
            <strong>Rejected.</strong> Your document{sent} was rejected
            {status.reason ? <>: {status.reason}</> : '.'}
          </p>
          <p>You can send another one.</p>
        </div>
      );
  }
}
