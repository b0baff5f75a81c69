import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { queryKeys } from '../api/queryKeys.ts';
import { useMessageSearch, type SearchHit } from '../api/search.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SEARCH_INPUT_ID, SearchForm } from '../components/search/SearchForm.tsx';
import { SearchResultItem } from '../components/search/SearchResultItem.tsx';
import { describeSearchError } from '../components/search/searchErrors.ts';
import '../styles/search.css';

/**
 * Message search. The address holds the search (`?q=…&roomId=…`): submitting pushes a new entry, so back, forward
 * and reload show the same results; the server answers only with messages the user may read.
 */
export function SearchPage() {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const roomId = params.get('roomId') || null;
  const search = useMessageSearch({ q, roomId });
  const key = `${roomId ?? ''}\n${q}`;

  // After "Show more results", the keyboard moves to the first hit that arrived (for this search only).
  const [firstNew, setFirstNew] = useState<{ key: string; id: string } | null>(null);
  const firstNewLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    firstNewLink.current?.focus();
  }, [firstNew]);

  const hits: SearchHit[] | null = search.data?.pages.flatMap((page) => page.hits) ?? null;
  const failure = search.error === null ? null : describeSearchError(search.error);

  function submit(next: string) {
    if (next === q) {
      // The same search again: read afresh from the first page.
      void queryClient.resetQueries({ queryKey: queryKeys.search.messages(q, roomId), exact: true });
      return;
    }
    const updated = new URLSearchParams(params);
    updated.set('q', next);
    setParams(updated);
  }

  function searchEverywhere() {
    const updated = new URLSearchParams(params);
    updated.delete('roomId');
    setParams(updated);
    // The button leaves with the scope line; the search box keeps the keyboard.
    document.getElementById(SEARCH_INPUT_ID)?.focus();
  }

  async function showMore() {
    if (search.isFetching || !search.hasNextPage) return;
    const result = await search.fetchNextPage();
    const arrived = result.data?.pages.at(-1)?.hits[0];
    if (!result.isError && arrived) setFirstNew({ key, id: arrived.message.id });
  }

  return (
    <>
      <PageHeading>Search</PageHeading>
      <SearchForm applied={q} onSearch={submit} />
      {roomId !== null && (
        <p className="search-scope">
          <span>In this room only</span>{' '}
          <button type="button" className="secondary" onClick={searchEverywhere}>
            Search everywhere
          </button>
        </p>
      )}
      <p role="status" className="status-line">
        {describeStatus(q, hits, search.isFetching, search.isFetchingNextPage, failure !== null)}
      </p>
      {failure !== null && (
        <div role="alert" className="notice notice-error">
          <p>{hits === null ? failure.message : `Could not load more results. ${failure.message}`}</p>
          {failure.retry && (
            <button
              type="button"
              onClick={() => {
                if (hits === null) void search.refetch();
                else void showMore();
              }}
            >
              Try again
            </button>
          )}
        </div>
      )}
      {hits !== null && hits.length > 0 && (
        <ol className="search-results" aria-label="Search results">
          {hits.map((hit) => (
            <SearchResultItem
              key={hit.message.id}
              hit={hit}
              linkRef={firstNew?.key === key && firstNew.id === hit.message.id ? firstNewLink : undefined}
            />
          ))}
        </ol>
      )}
      {search.hasNextPage && (
        <button type="button" className="secondary load-more" aria-busy={search.isFetchingNextPage} onClick={() => void showMore()}>
          Show more results
        </button>
      )}
    </>
  );
}

function describeStatus(q: string, hits: readonly SearchHit[] | null, fetching: boolean, fetchingMore: boolean, failed: boolean): string {
  if (q === '') return '';
  if (fetchingMore) return 'Loading more results…';
  if (fetching) return 'Searching…';
  if (hits === null || (failed && hits.length === 0)) return '';
  if (hits.length === 0) return `No messages found for “${q}”.`;
  return hits.length === 1 ? '1 result' : `${String(hits.length)} results`;
}
