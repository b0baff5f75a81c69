import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchListing, type Listing } from '../../api/listings.ts';
import { queryKeys } from '../../api/queryKeys.ts';

/** One listing as the server last answered it. */
export function useListing(id: string) {
  return useQuery({
    queryKey: queryKeys.marketplace.listing(id),
    queryFn: ({ signal }) => fetchListing(id, { signal }),
  });
}

/**
 * Keeps a listing the server answered with (after a change): its page shows it at once, and every list of listings
 * (browse, the user's own) loads afresh when next shown.
 */
export function useStoreListing(): (listing: Listing) => void {
  const queryClient = useQueryClient();
  return (listing) => {
    queryClient.setQueryData(queryKeys.marketplace.listing(listing.id), listing);
    void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.lists });
  };
}
