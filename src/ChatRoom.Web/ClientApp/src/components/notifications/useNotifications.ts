import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead, type NotificationDto } from '../../api/notifications.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { useChatConnection, useConnectionState } from '../../realtime/ChatConnectionContext.tsx';
import { HubEvents } from '../../realtime/hubEvents.ts';
import { conversationPath, NOTIFICATIONS_PATH, ORDERS_PATH } from '../../routing/paths.ts';
import { usePagedList } from '../usePagedList.ts';
import { showDesktopNotification } from './desktopNotifications.ts';

/** Where a notification leads: its conversation, its room, the purchases and sales, or (a moderator's notice) the list itself. */
export function notificationTarget({ kind, roomId }: NotificationDto): string {
  if (kind === 'Marketplace') return ORDERS_PATH;
  if (roomId === null || kind === 'Moderation') return NOTIFICATIONS_PATH;
  return kind === 'DirectMessage' ? conversationPath(roomId) : `/rooms/${encodeURIComponent(roomId)}`;
}

/** How many notifications are unread, for the header: the first page's count, without its items. */
export function useUnreadNotificationCount(enabled: boolean) {
  const query = useQuery({
    queryKey: queryKeys.notifications.unread,
    queryFn: async ({ signal }) => (await fetchNotifications(null, 1, { signal })).unread,
    enabled,
  });
  return query.data ?? 0;
}

/**
 * Listens for NotificationCreated while signed in (it reaches every connection of the user, whatever page is open,
 * so the header starts the connection): the count goes up at once, the list is read again, and a hidden tab shows
 * a system notification when the user consented. Missed while disconnected: read afresh once connected again.
 */
export function useNotificationFeed(enabled: boolean) {
  const connection = useChatConnection();
  const connectionState = useConnectionState();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // `mutate` keeps its identity across renders (the mutation result does not): the listener stays subscribed.
  const { mutate: markRead } = useMarkNotificationRead();

  useEffect(() => {
    if (enabled) connection.start().catch(() => undefined);
  }, [connection, enabled]);

  useEffect(() => {
    if (!enabled) return;
    return connection.on(HubEvents.NotificationCreated, (notification) => {
      if (!notification.read) queryClient.setQueryData<number>(queryKeys.notifications.unread, (n) => (n ?? 0) + 1);
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.list });
      showDesktopNotification(notification, () => {
        markRead(notification.id);
        void navigate(notificationTarget(notification));
      });
    });
  }, [connection, enabled, queryClient, navigate, markRead]);

  const previousState = useRef(connectionState);
  useEffect(() => {
    if (enabled && connectionState === 'connected' && previousState.current === 'reconnecting') {
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
    }
    previousState.current = connectionState;
  }, [connectionState, enabled, queryClient]);
}

/** The list, newest first, a page at a time. */
export function useNotificationList() {
  return usePagedList<NotificationDto>(queryKeys.notifications.list, (cursor, signal) => fetchNotifications(cursor, undefined, { signal }));
}

/** Marks one read; the count and the list are read again as the server has them. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => markNotificationRead(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markAllNotificationsRead(),
    onSuccess: () => {
      queryClient.setQueryData<number>(queryKeys.notifications.unread, 0);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}
