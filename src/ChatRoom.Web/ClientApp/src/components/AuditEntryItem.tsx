import type { RefObject } from 'react';
import type { AuditEntry, Json } from '../api/audit.ts';

export function AuditEntryItem({
  entry,
  headingRef,
  onFilterByActor,
}: {
  entry: AuditEntry;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  onFilterByActor: (actorId: string) => void;
}) {
  const headingId = `audit-${entry.id}`;
  return (
    <article aria-labelledby={headingId} className="audit-entry">
      <header className="audit-entry-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="audit-action">
          {entry.action}
        </h2>
        <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time>
      </header>
      <dl className="audit-facts">
        <dt>Actor</dt>
        <dd>
          {entry.actorId === null ? (
            <span className="muted">none</span>
          ) : (
            <>
              {entry.actorName ?? <span className="muted">unknown</span>} <code>{entry.actorId}</code>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  if (entry.actorId !== null) onFilterByActor(entry.actorId);
                }}
              >
                Only this actor <span className="visually-hidden">({entry.actorName ?? entry.actorId})</span>
              </button>
            </>
          )}
        </dd>
        <dt>Entity</dt>
        <dd>
          {entry.entityType} {entry.entityId !== null && <code>{entry.entityId}</code>}
        </dd>
        {entry.ipAddress !== null && (
          <>
            <dt>IP address</dt>
            <dd>
              <code>{entry.ipAddress}</code>
            </dd>
          </>
        )}
        <JsonFact label="Before" value={entry.before} />
        <JsonFact label="After" value={entry.after} />
        <JsonFact label="Metadata" value={entry.metadata} />
      </dl>
    </article>
  );
}

/** Stored JSON shown as preformatted text: React escapes it, nothing in it is ever interpreted. */
function JsonFact({ label, value }: { label: string; value: Json | null }) {
  if (value === null) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <pre className="json">{JSON.stringify(value, null, 2)}</pre>
      </dd>
    </>
  );
}
