import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { fetchThread } from '../../api/threads.ts';
import type { MessageDto } from '../../realtime/contracts.ts';
import type { PendingMessage } from '../../realtime/roomState.ts';

/** What the room page holds live: its messages (replies arrive there as any message does), sends and deletions. */
export interface LiveRoom {
  messages: readonly MessageDto[];
  pending: readonly PendingMessage[];
  deletedIds: ReadonlySet<string>;
}

/**
 * A thread as shown: the original and its replies, oldest first. The Api gives the pages (older replies than the
 * room has loaded); the room's own state keeps it live, since replies are room messages: whichever copy has the
 * newer changeSeq wins, deletions seen in the room drop a reply, and one's own replies on their way show at the end.
 */
export function useThread(messageId: string, live: LiveRoom) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.thread(messageId),
    queryFn: ({ pageParam, signal }) => fetchThread(messageId, pageParam, { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.hasMore ? (last.replies.at(-1)?.seq ?? null) : null),
  });

  const pages = query.data?.pages;
  const thread = useMemo(() => {
    const newer = (a: MessageDto | undefined, b: MessageDto | undefined) => (a === undefined ? b : b === undefined || a.changeSeq >= b.changeSeq ? a : b);
    const original = newer(
      live.messages.find((m) => m.id === messageId),
      pages?.[0]?.original,
    );
    const replies = new Map<string, MessageDto>();
    for (const page of pages ?? []) for (const reply of page.replies) replies.set(reply.id, newer(replies.get(reply.id), reply) ?? reply);
    for (const m of live.messages) if (m.replyTo?.messageId === messageId) replies.set(m.id, newer(replies.get(m.id), m) ?? m);
    const shown = [...replies.values()].filter((m) => !live.deletedIds.has(m.id) && !m.deleted).sort((a, b) => a.seq - b.seq);
    // Past the last page fetched there may be replies not fetched yet: "Load more replies" goes there.
    const lastFetched = pages?.at(-1)?.replies.at(-1)?.seq ?? original?.seq ?? 0;
    return {
      original,
      originalDeleted: live.deletedIds.has(messageId) || original?.deleted === true,
      replies: shown,
      lastFetchedSeq: lastFetched,
      pending: live.pending.filter((p) => p.replyTo?.messageId === messageId),
    };
  }, [messageId, pages, live.messages, live.deletedIds, live.pending]);

  const error = query.error;
  return {
    ...thread,
    loading: query.isPending,
    error:
      error === null
        ? null
        : error instanceof ApiError && error.code === ErrorCodes.messageNotFound
          ? 'This message is no longer available.'
          : `Could not load the thread: ${describeError(error)}`,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}
