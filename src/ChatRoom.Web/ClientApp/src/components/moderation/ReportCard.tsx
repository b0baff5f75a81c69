import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, describeError } from '../../api/problems.ts';
import { closeReport, type Report } from '../../api/reports.ts';
import { nameOf, type UserSummary } from '../../realtime/contracts.ts';
import { listingPath } from '../../routing/paths.ts';
import { MessageText } from '../chat/MessageText.tsx';
import { TextAreaField } from '../Field.tsx';
import { listingStatusLabel } from '../marketplace/labels.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Whom and what an action on this report would be about. */
export interface ActionTarget {
  user: UserSummary;
  roomId: string | null;
  messageId: string | null;
}

export interface ReportEvents {
  onClosed: (report: Report) => void;
  /** The report was closed meanwhile (409) or is gone: the list should be loaded again. */
  onStale: (message: string) => void;
  onActOn: (target: ActionTarget) => void;
}

export function ReportCard({ report, events }: { report: Report; events: ReportEvents }) {
  const headingId = useId();
  const [note, setNote] = useState('');
  const message = report.targetMessage;
  const listing = report.targetListing ?? null;
  const target = report.targetUser ?? message?.author ?? null;
  const subject =
    message ? `Message by ${nameOf(message.author)}`
    : listing ? `Listing by ${target ? nameOf(target) : '(unknown)'}`
    : `User ${target ? nameOf(target) : '(unknown)'}`;

  const closing = useMutation({
    mutationFn: (outcome: 'resolve' | 'dismiss') => closeReport(report.id, outcome, note.trim() || null),
    onSuccess: events.onClosed,
    onError: (e) => {
      if (stale(e)) events.onStale(`This report is no longer open: ${describeError(e)}`);
    },
  });
  const busy = closing.isPending;
  // A report closed meanwhile is the list's business (onStale); any other failure is said here.
  const error =
    closing.error === null || stale(closing.error) ? null : `Could not ${closing.variables} the report: ${describeError(closing.error)}`;

  function close(outcome: 'resolve' | 'dismiss') {
    if (!busy) closing.mutate(outcome);
  }

  return (
    <article aria-labelledby={headingId} className="report" aria-busy={busy}>
      <header className="report-header">
        <h3 id={headingId}>{subject}</h3>
        <span className={`badge status-${report.status.toLowerCase()}`}>{report.status}</span>
        <time dateTime={report.createdAt}>{dateTime.format(new Date(report.createdAt))}</time>
      </header>
      <dl className="facts">
        <dt>Reported by</dt>
        <dd>
          {nameOf(report.reporter)} <span className="muted">@{report.reporter.userName}</span>
        </dd>
        <dt>Reason</dt>
        <dd className="report-reason">{report.reason}</dd>
        {message && (
          <>
            <dt>Message</dt>
            <dd>
              <blockquote className="quoted-message">
                <MessageText content={message.content} />
              </blockquote>
              <span className="muted">
                #{message.seq} in room <code>{message.roomId}</code>
                {message.deleted && ' · deleted'}
              </span>
            </dd>
          </>
        )}
        {listing && (
          <>
            <dt>Listing</dt>
            <dd>
              <Link to={listingPath(listing.id)}>{listing.title}</Link> ({listingStatusLabel(listing.status)})
            </dd>
          </>
        )}
        {report.resolvedAt !== null && (
          <>
            <dt>{report.status}</dt>
            <dd>
              {dateTime.format(new Date(report.resolvedAt))}
              {report.resolvedBy && ` by ${nameOf(report.resolvedBy)}`}
              {report.resolutionNote && <p className="report-note">{report.resolutionNote}</p>}
            </dd>
          </>
        )}
      </dl>
      {error !== null && (
        <p role="alert" className="message-error">
          {error}
        </p>
      )}
      {report.status === 'Open' && (
        <div className="stack report-close">
          <TextAreaField
            label="Note"
            hint="Optional; kept with the report."
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
          <div className="form-actions">
            <button type="button" onClick={() => {
                close('resolve');
              }}>
              Resolve
            </button>
            <button type="button" className="secondary" onClick={() => {
                close('dismiss');
              }}>
              Dismiss
            </button>
            {target && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  events.onActOn({ user: target, roomId: message?.roomId ?? null, messageId: message?.id ?? null });
                }}
              >
                Act on {nameOf(target)}
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
}

function stale(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.status === 404);
}
