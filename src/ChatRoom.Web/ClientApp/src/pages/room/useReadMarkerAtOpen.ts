import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import { fetchUnread, type RoomUnread } from '../../api/unread.ts';

/**
 * Where the user had read up to in this room when the page opened: "New messages" goes above the first message
 * after it, and stays there while the page is open although the marker moves on as messages are shown. `ready`:
 * known (or known to be unknown), so the page may start moving the marker without losing where it was.
 */
export function useReadMarkerAtOpen(roomId: string): { ready: boolean; lastReadSeq: number | null } {
  const queryClient = useQueryClient();
  const cached = queryClient.getQueryData<RoomUnread[]>(queryKeys.unread);
  // Unread counts are kept live (useUnreadCounts): what is cached is current; only a first visit asks.
  const query = useQuery({ queryKey: queryKeys.unread, queryFn: ({ signal }) => fetchUnread({ signal }), refetchOnMount: false });
  const [atOpen, setAtOpen] = useState<{ lastReadSeq: number | null } | null>(() => (cached ? markerIn(cached, roomId) : null));

  if (atOpen === null && query.data !== undefined) setAtOpen(markerIn(query.data, roomId));
  if (atOpen === null && query.isError) setAtOpen({ lastReadSeq: null });

  return { ready: atOpen !== null, lastReadSeq: atOpen?.lastReadSeq ?? null };
}

function markerIn(list: readonly RoomUnread[], roomId: string): { lastReadSeq: number | null } {
  const entry = list.find((u) => u.roomId === roomId);
  // Nothing unread: no divider, even where the marker lags behind the newest message (one's own, say).
  return { lastReadSeq: entry !== undefined && entry.unread > 0 ? entry.lastReadSeq : null };
}
