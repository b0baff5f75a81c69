import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { fetchAudit, NO_FILTERS, type AuditFilters } from '../api/audit.ts';
import { describeError } from '../api/problems.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { AuditEntryItem } from '../components/AuditEntryItem.tsx';
import { AuditFilterForm } from '../components/AuditFilterForm.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

export const AUDIT_PAGE_SIZE = 50;
const ACTOR_FIELD_ID = 'audit-filter-actor';

export function AdminAuditPage() {
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const audit = useInfiniteQuery({
    queryKey: queryKeys.audit.list(filters),
    queryFn: ({ pageParam, signal }) => fetchAudit(filters, pageParam, AUDIT_PAGE_SIZE, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // After "Load more", the keyboard moves to the first entry that arrived.
  const [firstNewId, setFirstNewId] = useState<string | null>(null);
  const firstNewHeading = useRef<HTMLHeadingElement>(null);
  const loading = audit.isFetching;
  const error = audit.error === null ? null : describeError(audit.error);
  const loaded = audit.data
    ? { entries: audit.data.pages.flatMap((page) => page.items), nextCursor: audit.data.pages.at(-1)?.nextCursor ?? null }
    : null;

  useEffect(() => {
    firstNewHeading.current?.focus();
  }, [firstNewId]);

  /** Applying filters always loads afresh, even the ones already shown. */
  function apply(next: AuditFilters) {
    setFirstNewId(null);
    void queryClient.resetQueries({ queryKey: queryKeys.audit.list(next), exact: true });
    setFilters(next);
  }

  async function loadMore() {
    if (loading || loaded?.nextCursor == null) return;
    const result = await audit.fetchNextPage();
    if (!result.isError) setFirstNewId(result.data?.pages.at(-1)?.items[0]?.id ?? null);
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
