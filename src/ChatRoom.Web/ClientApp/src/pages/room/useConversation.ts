import { useQuery } from '@tanstack/react-query';
import { fetchConversation } from '../../api/conversations.ts';
import { queryKeys } from '../../api/queryKeys.ts';

/**
 * Who is in a conversation (the join's RoomInfo does not say): for its heading, and whether it is a group. Only
 * asked for conversations; a room of a lounge has none.
 */
export function useConversation(id: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.conversations.one(id),
    queryFn: ({ signal }) => fetchConversation(id, { signal }),
    enabled,
  });
}
