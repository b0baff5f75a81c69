import { useSearchParams } from 'react-router-dom';
import { browseListings, type Listing, type ListingFilters } from '../api/listings.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { ErrorAlert } from '../components/Field.tsx';
import { ListingList } from '../components/marketplace/ListingList.tsx';
import { ListingSearchForm, sameSearch } from '../components/marketplace/ListingSearchForm.tsx';
import { MarketplaceLinks } from '../components/marketplace/MarketplaceLinks.tsx';
import { parseMoney } from '../components/marketplace/money.ts';
import { useMarketplaceCurrency } from '../components/marketplace/useMarketplaceCurrency.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { usePagedList } from '../components/usePagedList.ts';
import type { MarketplaceSearch } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import '../styles/marketplace.css';

/**
 * What is on offer, newest first. The address holds the search (`?q=…&category=…&min=…&max=…`): submitting pushes
 * a new entry, so back, forward and reload show the same listings.
 */
export function MarketplacePage() {
  const { state } = useSession();
  const [params, setParams] = useSearchParams();
  const currency = useMarketplaceCurrency();
  const search = searchIn(params);
  const filters = filtersFor(search, currency);
  const list = usePagedList(queryKeys.marketplace.browse(filters), (cursor, signal) => browseListings(filters, cursor, undefined, { signal }));

  function submit(next: MarketplaceSearch) {
    // The same search again: read afresh from the first page.
    if (sameSearch(next, search)) list.reload();
    else setParams(paramsFor(next));
  }

  return (
    <>
      <PageHeading>Marketplace</PageHeading>
      <MarketplaceLinks guest={state.status === 'signedIn' && state.user.role === 'Guest'} />
      <ListingSearchForm applied={search} currency={currency} onSearch={submit} />
      <p role="status" className="status-line">
        {describeList(list.items, list.loading, list.hasMore)}
      </p>
      <ErrorAlert message={list.error === null ? null : `Could not load the listings: ${list.error}`} />
      <ListingList list={list} label="Listings" />
    </>
  );
}

function searchIn(params: URLSearchParams): MarketplaceSearch {
  const read = (name: string) => (params.get(name) ?? '').trim();
  return { q: read('q'), category: read('category'), min: read('min'), max: read('max') };
}

function paramsFor(search: MarketplaceSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'category', 'min', 'max'] as const) if (search[key] !== '') params.set(key, search[key]);
  return params;
}

/** The server's filters: prices in minor units (an amount the address holds that is not one is left out). */
function filtersFor({ q, category, min, max }: MarketplaceSearch, currency: string): ListingFilters {
  return {
    q,
    category,
    minPrice: min === '' ? null : parseMoney(min, currency),
    maxPrice: max === '' ? null : parseMoney(max, currency),
  };
}

function describeList(items: readonly Listing[] | null, loading: boolean, more: boolean): string {
  if (loading) return 'Loading listings…';
  if (items === null) return '';
  if (items.length === 0) return 'No listings match.';
  const count = items.length === 1 ? '1 listing' : `${String(items.length)} listings`;
  return more ? `Showing ${count}; there are more.` : `Showing ${count}.`;
}
