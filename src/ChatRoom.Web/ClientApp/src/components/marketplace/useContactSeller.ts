import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { contactSeller } from '../../api/listings.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { conversationPath } from '../../routing/paths.ts';

/** Opens the direct conversation with the listing's seller (started, or the one there is). */
export function useContactSeller(listingId: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => contactSeller(listingId),
    onSuccess: (conversation) => {
      // The conversation's page needs its members for the heading: no second request for what is here.
      queryClient.setQueryData(queryKeys.conversations.one(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list });
      void navigate(conversationPath(conversation.id));
    },
  });
}
