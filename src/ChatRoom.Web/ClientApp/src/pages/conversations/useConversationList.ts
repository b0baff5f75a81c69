import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { fetchConversations, type Conversation } from '../../api/conversations.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { useChatConnection, useConnectionState } from '../../realtime/ChatConnectionContext.tsx';
import type { ConversationActivityEvent } from '../../realtime/contracts.ts';
import { HubEvents } from '../../realtime/hubEvents.ts';

/**
 * The user's conversations, most recently active first, kept live: each ConversationActivity moves its conversation
 * to the top with its new last message, without asking the Api again.
 */
export function useConversationList() {
  const connection = useChatConnection();
  const connectionState = useConnectionState();
  const queryClient = useQueryClient();
  const key = queryKeys.conversations.list;
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchConversations({ signal }),
    // Activity while this page was closed was not listened to: read it afresh on every visit.
    refetchOnMount: 'always',
  });

  // ConversationActivity reaches every connection of a member, joined to the conversation or not; this page joins
  // none, so it starts the connection itself. Failing, the list still works, just not live.
  useEffect(() => {
    connection.start().catch(() => undefined);
  }, [connection]);

  useEffect(
    () =>
      connection.on(HubEvents.ConversationActivity, (activity) => {
        const known = queryClient.getQueryData<Conversation[]>(key)?.some((c) => c.id === activity.conversationId) ?? false;
        if (known) queryClient.setQueryData<Conversation[]>(key, (current) => current && withActivity(current, activity));
        // A conversation someone else just started: the event does not say who is in it, the list does. And a list
        // on its way may have been read before this message: it would undo the change, so it is asked for again.
        if (!known || queryClient.isFetching({ queryKey: key }) > 0) void queryClient.invalidateQueries({ queryKey: key });
      }),
    [connection, queryClient, key],
  );

  // Activity while the connection was down (or before it first came up) is not sent again: read the list once it is.
  const previousState = useRef(connectionState);
  useEffect(() => {
    if (connectionState === 'connected' && previousState.current !== 'connected') {
      void queryClient.invalidateQueries({ queryKey: key });
    }
    previousState.current = connectionState;
  }, [connectionState, queryClient, key]);

  return list;
}

/** The list after a new message: its conversation first, with that message as its last one. */
export function withActivity(list: readonly Conversation[], { conversationId, message }: ConversationActivityEvent): Conversation[] {
  const conversation = list.find((c) => c.id === conversationId);
  if (!conversation) return [...list];
  // Events can arrive out of order: an older message never replaces a newer one.
  const newest = conversation.lastMessage !== null && conversation.lastMessage.seq > message.seq ? conversation.lastMessage : message;
  return [{ ...conversation, lastMessage: newest }, ...list.filter((c) => c.id !== conversationId)];
}
