import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import { fetchUnread, markRoomRead, type RoomUnread } from '../../api/unread.ts';
import { useChatConnection } from '../../realtime/ChatConnectionContext.tsx';
import { HubEvents } from '../../realtime/hubEvents.ts';

function withMarker(list: readonly RoomUnread[] | undefined, marker: RoomUnread): RoomUnread[] {
  const others = (list ?? []).filter((u) => u.roomId !== marker.roomId);
  const current = list?.find((u) => u.roomId === marker.roomId);
  // Markers only move forward: an older answer arriving late never undoes a newer one.
  return current !== undefined && current.lastReadSeq > marker.lastReadSeq ? [...list ?? []] : [...others, marker];
}

/**
 * Unread counts per room and conversation, kept live: ReadMarkerMoved (any of the user's devices) replaces a room's
 * count, and new conversation activity is counted by the server, so the list is read again then.
 */
export function useUnreadCounts() {
  const connection = useChatConnection();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.unread, queryFn: ({ signal }) => fetchUnread({ signal }), refetchOnMount: 'always' });

  useEffect(() => {
    const offs = [
      connection.on(HubEvents.ReadMarkerMoved, (marker) => {
        queryClient.setQueryData<RoomUnread[]>(queryKeys.unread, (list) => withMarker(list, marker));
      }),
      connection.on(HubEvents.ConversationActivity, () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.unread });
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [connection, queryClient]);

  return (roomId: string) => query.data?.find((u) => u.roomId === roomId)?.unread ?? 0;
}

/**
 * Moves the room's read marker to the highest message shown while the page is open and the tab visible (a hidden
 * tab has not been read). Each seq is sent once; the answer goes into the unread counts.
 */
export function useMarkRoomRead(roomId: string, highestSeq: number | null) {
  const queryClient = useQueryClient();
  const sent = useRef(0);

  useEffect(() => {
    function mark() {
      if (highestSeq === null || highestSeq <= sent.current || document.visibilityState === 'hidden') return;
      sent.current = highestSeq;
      markRoomRead(roomId, highestSeq).then(
        (marker) => {
          queryClient.setQueryData<RoomUnread[]>(queryKeys.unread, (list) => list && withMarker(list, marker));
        },
        () => {
          // Not marked: the next message (or coming back to the tab) tries again.
          sent.current = 0;
        },
      );
    }
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => {
      document.removeEventListener('visibilitychange', mark);
    };
  }, [roomId, highestSeq, queryClient]);
}
