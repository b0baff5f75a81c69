import { useEffect, useRef, useState } from 'react';
import { fetchAudit, NO_FILTERS, type AuditEntry, type AuditFilters } from '../api/audit.ts';
import { describeError } from '../api/problems.ts';
import { AuditEntryItem } from '../components/AuditEntryItem.tsx';
import { AuditFilterForm } from '../components/AuditFilterForm.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

export const AUDIT_PAGE_SIZE = 50;
const ACTOR_FIELD_ID = 'audit-filter-actor';

interface Loaded {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export function AdminAuditPage() {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // After "Load more", the keyboard moves to the first entry that arrived.
  const [firstNewId, setFirstNewId] = useState<string | null>(null);
  const firstNewHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchAudit(filters, null, AUDIT_PAGE_SIZE, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) return;
        setLoaded({ entries: page.items, nextCursor: page.nextCursor });
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(describeError(e));
        setLoading(false);
      },
    );
    return () => {
      controller.abort();
    };
  }, [filters, version]);

  useEffect(() => {
    firstNewHeading.current?.focus();
  }, [firstNewId]);

  function apply(next: AuditFilters) {
    setLoaded(null);
    setError(null);
    setLoading(true);
    setFirstNewId(null);
    setFilters(next);
    setVersion((v) => v + 1);
  }

  async function loadMore() {
    if (loading || loaded?.nextCursor == null) return;
    const { entries, nextCursor } = loaded;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchAudit(filters, nextCursor, AUDIT_PAGE_SIZE);
      setLoaded({ entries: [...entries, ...page.items], nextCursor: page.nextCursor });
      setFirstNewId(page.items[0]?.id ?? null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  }

  const count = loaded?.entries.length ?? 0;
  return (
    <>
      <PageHeading>Admin: Audit</PageHeading>
      <AuditFilterForm applied={filters} onApply={apply} actorFieldId={ACTOR_FIELD_ID} />
      <p role="status" className="status-line">
        {loading ? 'Loading audit entries…' : loaded && describeCount(count, loaded.nextCursor !== null)}
      </p>
      {error !== null && (
        <div role="alert" className="notice notice-error">
          <p>Could not load the audit log: {error}</p>
          <button
            type="button"
            onClick={() => {
              if (loaded) void loadMore();
              else apply(filters);
            }}
          >
            Try again
          </button>
        </div>
      )}
      {loaded && loaded.entries.length > 0 && (
        <ol className="audit-list" aria-label="Audit entries, newest first">
          {loaded.entries.map((entry) => (
            <li key={entry.id}>
              <AuditEntryItem
                entry={entry}
                headingRef={entry.id === firstNewId ? firstNewHeading : undefined}
                onFilterByActor={(actorId) => {
                  apply({ ...NO_FILTERS, actorId });
                  // The clicked button leaves with the list; the field now showing the filter takes the focus.
                  document.getElementById(ACTOR_FIELD_ID)?.focus();
                }}
              />
            </li>
          ))}
        </ol>
      )}
      {loaded?.nextCursor != null && (
        <button type="button" className="load-more" onClick={() => void loadMore()} aria-busy={loading}>
          Load more
        </button>
      )}
    </>
  );
}

function describeCount(count: number, more: boolean): string {
  if (count === 0) return 'No audit entries match these filters.';
  const entries = count === 1 ? '1 entry' : `${String(count)} entries`;
  return more ? `Showing the newest ${entries}; more are older.` : `Showing all ${entries}.`;
}
