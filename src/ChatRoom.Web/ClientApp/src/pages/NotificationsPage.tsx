import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchLounges } from '../api/lounges.ts';
import { describeError } from '../api/problems.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { DesktopConsent } from '../components/notifications/DesktopConsent.tsx';
import { NotificationItem } from '../components/notifications/NotificationItem.tsx';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotificationList } from '../components/notifications/useNotifications.ts';
import { PageHeading } from '../components/PageHeading.tsx';

/** Mentions, direct messages and moderators' notices, newest first, kept live by the header's NotificationCreated. */
export function NotificationsPage() {
  const list = useNotificationList();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const roomNames = useRoomNames();
  const failure = markRead.error ?? markAll.error;

  return (
    <>
      <PageHeading>Notifications</PageHeading>
      <DesktopConsent />
      <div className="row">
        {/* Disabled while loading too: there is nothing on screen yet to mark. */}
        <button
          type="button"
          disabled={markAll.isPending || list.items?.every((n) => n.read) !== false}
          onClick={() => {
            markAll.mutate();
          }}
        >
          Mark all as read
        </button>
      </div>
      {failure !== null && (
        <p role="alert" className="notice notice-error">
          Could not mark as read: {describeError(failure)}
        </p>
      )}
      {list.error !== null && (
        <div role="alert" className="notice notice-error">
          <p>Could not load your notifications: {list.error}</p>
          <button type="button" onClick={list.reload}>
            Try again
          </button>
        </div>
      )}
      {list.items === null ? (
        list.error === null && (
          <p role="status" className="notice">
            Loading notifications…
          </p>
        )
      ) : list.items.length === 0 ? (
        <p className="muted">No notifications yet.</p>
      ) : (
        <ul className="notification-list" aria-label="Notifications">
          {list.items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              roomName={notification.roomId === null ? null : (roomNames.get(notification.roomId) ?? null)}
              onOpen={(n) => {
                if (!n.read) markRead.mutate(n.id);
              }}
            />
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="secondary" disabled={list.loading} onClick={() => void list.loadMore()}>
          {list.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}

/** Mentions say where: the lounges' rooms by id (a conversation has no name of its own there). */
function useRoomNames(): Map<string, string> {
  const lounges = useQuery({ queryKey: queryKeys.lounges, queryFn: ({ signal }) => fetchLounges({ signal }) });
  return useMemo(() => new Map(lounges.data?.flatMap((l) => l.rooms.map((r) => [r.id, r.name] as const))), [lounges.data]);
}
