import { Link } from 'react-router-dom';
import { describeNotification, type NotificationDto } from '../../api/notifications.ts';
import { notificationTarget } from './useNotifications.ts';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One notification; unread ones say so in words (and a mark), and opening one marks it read. */
export function NotificationItem({
  notification,
  roomName,
  onOpen,
}: {
  notification: NotificationDto;
  roomName: string | null;
  onOpen: (notification: NotificationDto) => void;
}) {
  const text = describeNotification(notification, roomName);
  const target = notificationTarget(notification);
  const linked = notification.kind === 'Marketplace' || (notification.kind !== 'Moderation' && notification.roomId !== null);
  return (
    <li className={notification.read ? 'notification' : 'notification notification-unread'}>
      {!notification.read && <span className="badge">Unread</span>}{' '}
      {linked ? (
        <Link
          to={target}
          onClick={() => {
            onOpen(notification);
          }}
        >
          {text}
        </Link>
      ) : (
        <span>{text}</span>
      )}{' '}
      <time dateTime={notification.createdAt} className="message-time">
        {dateTimeFormat.format(new Date(notification.createdAt))}
      </time>
      {!linked && !notification.read && (
        <>
          {' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              onOpen(notification);
            }}
          >
            Mark as read
          </button>
        </>
      )}
    </li>
  );
}
