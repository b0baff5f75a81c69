import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { Listing } from '../../api/listings.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import type { Page } from '../../api/users.ts';

/** Until a listing says otherwise: the server's default. */
export const DEFAULT_CURRENCY = 'EUR';

/**
 * The installation's currency: every listing is priced in it, and no endpoint names it otherwise. Read from any
 * listing the app holds (a page, a list); EUR until one arrives. Follows the cache, so it changes when one does.
 */
export function useMarketplaceCurrency(): string {
  const queryClient = useQueryClient();
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  return useSyncExternalStore(subscribe, () => knownCurrency(queryClient) ?? DEFAULT_CURRENCY);
}

function knownCurrency(queryClient: QueryClient): string | null {
  for (const [, listing] of queryClient.getQueriesData<Listing>({ queryKey: queryKeys.marketplace.listings })) {
    if (listing) return listing.currency;
  }
  for (const [, list] of queryClient.getQueriesData<InfiniteData<Page<Listing>>>({ queryKey: queryKeys.marketplace.lists })) {
    const first = list?.pages.find((page) => page.items.length > 0)?.items[0];
    if (first) return first.currency;
  }
  return null;
}
