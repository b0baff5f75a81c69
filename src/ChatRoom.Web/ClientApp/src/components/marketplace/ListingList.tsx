import { useEffect, useRef } from 'react';
import type { Listing } from '../../api/listings.ts';
import type { PagedList } from '../usePagedList.ts';
import { ListingCard } from './ListingCard.tsx';

/**
 * Listings as cards, with "Load more" while the server has more. After loading more, the keyboard moves to the
 * first listing that arrived (the button it was on may have gone).
 */
export function ListingList({ list, label }: { list: PagedList<Listing>; label: string }) {
  const container = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | null>(null);
  const count = list.items?.length ?? 0;

  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || count <= from) return;
    focusFrom.current = null;
    container.current?.querySelectorAll<HTMLAnchorElement>('.listing-card-title a')[from]?.focus();
  }, [count]);

  if (!list.items || list.items.length === 0) return null;
  return (
    <>
      <ul ref={container} className="listing-grid" aria-label={label}>
        {list.items.map((listing) => (
          <ListingCard key={listing.id} listing={listing} />
        ))}
      </ul>
      {list.hasMore && (
        <button
          type="button"
          className="secondary load-more"
          aria-busy={list.loading}
          onClick={() => {
            focusFrom.current = count;
            void list.loadMore();
          }}
        >
          Load more
        </button>
      )}
    </>
  );
}
