import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { blockUser, fetchBlocks, unblockUser, type Block } from '../../api/blocks.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import type { UserSummary } from '../../realtime/contracts.ts';

/**
 * The people the signed-in member blocked. The server only stops direct messages between them; hiding a blocked
 * person's messages in rooms is the SPA's part, so every chat view asks this list.
 */
export function useBlocks() {
  const query = useQuery({ queryKey: queryKeys.blocks, queryFn: ({ signal }) => fetchBlocks({ signal }) });
  const blocked = useMemo(() => new Set(query.data?.map((b) => b.user.id)), [query.data]);
  // Stable while the list is: the chat's rows are worked out again only when it changes.
  const isBlocked = useCallback((userId: string) => blocked.has(userId), [blocked]);
  return {
    query,
    blocks: query.data ?? [],
    /** Unknown until the list arrives (or when it cannot): then nothing is hidden. */
    isBlocked,
  };
}

/**
 * Blocking and unblocking. The answer is written into the list at once, so the chat hides (or shows) the person's
 * messages without waiting; the list is then read again as the server has it.
 */
export function useBlockActions() {
  const queryClient = useQueryClient();
  const settle = (change: (list: Block[]) => Block[]) => {
    queryClient.setQueryData<Block[]>(queryKeys.blocks, (list) => change(list ?? []));
    return queryClient.invalidateQueries({ queryKey: queryKeys.blocks });
  };
  const block = useMutation({
    mutationFn: (person: UserSummary) => blockUser(person.id),
    onSuccess: (created) => settle((list) => [created, ...list.filter((b) => b.user.id !== created.user.id)]),
  });
  const unblock = useMutation({
    mutationFn: (person: UserSummary) => unblockUser(person.id),
    onSuccess: (_, person) => settle((list) => list.filter((b) => b.user.id !== person.id)),
  });
  return { block, unblock, busy: block.isPending || unblock.isPending };
}
