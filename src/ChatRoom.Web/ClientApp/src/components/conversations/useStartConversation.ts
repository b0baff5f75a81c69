import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { startConversation } from '../../api/conversations.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { conversationPath } from '../../routing/paths.ts';

/** Starts (or finds again, for one person) a conversation and opens it. */
export function useStartConversation() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (memberIds: string[]) => startConversation(memberIds),
    onSuccess: (conversation) => {
      // The conversation's page needs its members for the heading: no second request for what is here.
      queryClient.setQueryData(queryKeys.conversations.one(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.list });
      void navigate(conversationPath(conversation.id));
    },
  });
}
