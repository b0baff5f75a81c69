import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchOlderMessages, type MessagePage } from '../../api/messages.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';

/**
 * A room's history before what the join showed, a page at a time on request, as an infinite query. Each page is
 * handed to `onPage` (the room's live state), which merges it with what the hub has said meanwhile. `join` counts
 * the room's joins: a fresh join shows the latest page again, so its history starts afresh.
 */
export function useOlderMessages(roomId: string, join: number, oldestShown: number | null, onPage: (page: MessagePage) => void) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.roomHistory(roomId, join),
    queryFn: ({ pageParam, signal }) => fetchOlderMessages(roomId, pageParam, { signal }),
    // Read when the first page is asked for: the oldest message the join (and the live events since) showed.
    initialPageParam: oldestShown ?? 0,
    getNextPageParam: (last) => (last.hasMore ? last.messages[0]?.seq : undefined),
    // Only on request; a room left is not kept.
    enabled: false,
    gcTime: 0,
  });

  const failed = query.isError && !query.isFetching;
  return {
    loading: query.isFetching,
    error: failed ? describeError(query.error) : null,
    /** The failure's code, for the page to act on (e.g. an 18+ room refusing a member whose age is not verified). */
    code: failed && query.error instanceof ApiError ? query.error.code : null,
    loadOlder: async () => {
      if (oldestShown === null || query.isFetching) return;
      const result = await query.fetchNextPage();
      const page = result.data?.pages.at(-1);
      if (result.isSuccess && page) onPage(page);
    },
  };
}
