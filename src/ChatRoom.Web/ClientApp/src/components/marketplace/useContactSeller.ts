import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { contactSeller, type Listing } from '../../api/listings.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { conversationPath, listingPath } from '../../routing/paths.ts';

/**
 * Opens the direct conversation with the listing's seller (started, or the one there is), its box holding a first line
 * that says which listing the message is about, with its address (shown as a link), for the buyer to go on from.
 */
export function useContactSeller(listing: Pick<Listing, 'id' | 'title'>) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => contactSeller(listing.id),
    onSuccess: (conversation) => {
      // The conversation's page needs its members for the heading: no second request for what is here.
      queryClient.setQueryData(queryKeys.conversations.one(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list });
      const address = new URL(listingPath(listing.id), window.location.origin).href;
      void navigate(conversationPath(conversation.id), { state: { draft: `About your listing “${listing.title}” (${address}): ` } });
    },
  });
}
