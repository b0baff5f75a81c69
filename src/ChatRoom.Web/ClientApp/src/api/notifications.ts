import type { NotificationDto } from '../realtime/contracts.ts';
import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

export type { NotificationDto } from '../realtime/contracts.ts';

/** Newest first; `unread` counts all of the user's unread notifications, not only this page's. */
export type NotificationPage = Omit<components['schemas']['NotificationPage'], 'items'> & { items: NotificationDto[] };

export const NOTIFICATION_PAGE_SIZE = 20;

export function fetchNotifications(cursor: string | null, limit = NOTIFICATION_PAGE_SIZE, options?: RequestOptions): Promise<NotificationPage> {
  return api.get<NotificationPage>('/api/me/notifications', { ...options, query: { cursor, limit } });
}

export function markNotificationRead(id: string): Promise<void> {
  return api.post<undefined>(`/api/me/notifications/${encodeURIComponent(id)}/read`, {});
}

export function markAllNotificationsRead(): Promise<void> {
  return api.post<undefined>('/api/me/notifications/read', {});
}

/** The rooms and conversations the user muted: no notifications from them (their messages still arrive). */
export function fetchMutes(options?: RequestOptions): Promise<string[]> {
  return api.get<string[]>('/api/me/mutes', options);
}

export function muteRoom(roomId: string): Promise<void> {
  return api.put<undefined>(`/api/rooms/${encodeURIComponent(roomId)}/mute`, {});
}

export function unmuteRoom(roomId: string): Promise<void> {
  return api.delete(`/api/rooms/${encodeURIComponent(roomId)}/mute`);
}

/** What a notification is about, as one line: who, what and where (`roomName` when the room is known). */
export function describeNotification(notification: NotificationDto, roomName: string | null): string {
  const { kind, message, text } = notification;
  if (kind === 'Marketplace') return text ?? 'News about a purchase or a sale.';
  if (kind === 'Moderation' || message === null) return text ?? 'A notice from the moderators.';
  const author = message.author.displayName?.trim() || message.author.userName;
  if (kind === 'DirectMessage') return `${author}: ${message.content}`;
  // A reply may carry only files: then it says so instead of an empty quote.
  if (kind === 'Reply') return `${author} replied to you in ${roomName ?? 'a room'}: ${message.content || '(a file)'}`;
  return `${author} mentioned you in ${roomName ?? 'a room'}: ${message.content}`;
}
