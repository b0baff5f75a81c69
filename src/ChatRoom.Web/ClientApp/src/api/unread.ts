import type { RoomUnread } from '../realtime/contracts.ts';
import { api, getJson, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

/** How many messages after the user's read marker in one room or conversation (the server counts up to 100). */
export type { RoomUnread } from '../realtime/contracts.ts';

export function fetchUnread(options?: RequestOptions): Promise<RoomUnread[]> {
  return getJson<RoomUnread[]>('/api/me/unread', options);
}

/** Moves the read marker forward to `seq` (never back); answers the count after it. */
export function markRoomRead(roomId: string, seq: number): Promise<RoomUnread> {
  const body: components['schemas']['MarkReadRequest'] = { seq };
  return api.put<RoomUnread>(`/api/rooms/${encodeURIComponent(roomId)}/read`, body);
}

/** "99+" beyond 99: the server stops counting at 100. */
export function unreadText(count: number): string {
  return count > 99 ? '99+' : String(count);
}
