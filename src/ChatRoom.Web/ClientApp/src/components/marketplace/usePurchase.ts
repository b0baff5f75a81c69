import { useQuery } from '@tanstack/react-query';
import { fetchPurchase } from '../../api/purchases.ts';
import { queryKeys } from '../../api/queryKeys.ts';

/** How often a purchase waiting for its payment is read again: the provider tells the server, not the browser. */
export const PENDING_REFRESH_MS = 2_000;

/** One purchase; read again every 2 s while it waits for the payment to be confirmed. */
export function usePurchase(id: string) {
  return useQuery({
    queryKey: queryKeys.marketplace.purchases.one(id),
    queryFn: ({ signal }) => fetchPurchase(id, { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'Pending' ? PENDING_REFRESH_MS : false),
  });
}
