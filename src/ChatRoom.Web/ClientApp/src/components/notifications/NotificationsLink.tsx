import { NavLink } from 'react-router-dom';
import { NOTIFICATIONS_PATH } from '../../routing/paths.ts';
import { unreadText } from '../../api/unread.ts';
import { useNotificationFeed, useUnreadNotificationCount } from './useNotifications.ts';

/** The header's way to the notifications, with the unread count in words (the badge alone would be a look). */
export function NotificationsLink() {
  useNotificationFeed(true);
  const unread = useUnreadNotificationCount(true);
  return (
    <NavLink end to={NOTIFICATIONS_PATH} aria-label={unread > 0 ? `Notifications, ${String(unread)} unread` : 'Notifications'}>
      Notifications
      {unread > 0 && (
        <span className="count-badge" aria-hidden="true">
          {unreadText(unread)}
        </span>
      )}
    </NavLink>
  );
}
