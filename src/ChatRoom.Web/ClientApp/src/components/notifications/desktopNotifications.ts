// The browser's Notification API, behind one small port: browsers without it (and test DOMs) simply have none, and
// consent is only ever asked from a user's click (browsers ignore or penalise asking on their own).
import type { NotificationDto } from '../../realtime/contracts.ts';

/** 'unsupported' where the browser has no Notification API. */
export type DesktopPermission = NotificationPermission | 'unsupported';

function api(): typeof Notification | null {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification : null;
}

export function desktopPermission(): DesktopPermission {
  return api()?.permission ?? 'unsupported';
}

/** Asks the browser for consent; call only from a user action (a click). */
export async function requestDesktopPermission(): Promise<DesktopPermission> {
  const notification = api();
  if (!notification) return 'unsupported';
  return notification.requestPermission();
}

const TITLES: Record<NotificationDto['kind'], string> = {
  Mention: 'You were mentioned',
  DirectMessage: 'New direct message',
  Reply: 'New reply to your message',
  Moderation: 'A notice from the moderators',
  Marketplace: 'Marketplace',
};

/**
 * A system notification for one that arrived while the tab is hidden and consent was given; `onOpen` runs on its
 * click after the tab is focused. Nothing happens otherwise: the header's count says it when the tab is visible.
 */
export function showDesktopNotification(notification: NotificationDto, onOpen: () => void): void {
  const Desktop = api();
  if (!Desktop || Desktop.permission !== 'granted' || document.visibilityState !== 'hidden') return;
  const { message } = notification;
  const who = message === null ? null : message.author.displayName?.trim() || message.author.userName;
  const title =
    who === null
      ? TITLES[notification.kind]
      : notification.kind === 'DirectMessage'
        ? `${TITLES.DirectMessage} from ${who}`
        : notification.kind === 'Reply'
          ? `${who} replied to you`
          : TITLES[notification.kind];
  const body = message === null ? (notification.text ?? '') : notification.kind === 'Mention' && who !== null ? `${who}: ${message.content}` : message.content;
  // One per notification id: a second tab of the same user replaces rather than repeats it.
  const shown = new Desktop(title, { body, tag: notification.id });
  shown.onclick = () => {
    window.focus();
    shown.close();
    onOpen();
  };
}
