import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

export const MODERATION_MODES = ['PostModerated', 'PreModerated'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

// The records carry the moderation mode as a string; the modes are the ones above.
export type AdminRoom = Omit<components['schemas']['AdminRoomResponse'], 'moderationMode'> & { moderationMode: ModerationMode };

export type AdminLounge = Omit<components['schemas']['AdminLoungeResponse'], 'rooms'> & { rooms: AdminRoom[] };

export type NewLounge = components['schemas']['CreateLoungeRequest'];

/** A partial update: what is left out keeps its value. */
export type LoungeChanges = components['schemas']['LoungeChanges'];

// The requests carry the moderation mode as a string too.
type WithMode<T> = Omit<T, 'moderationMode'> & { moderationMode?: ModerationMode | null };

export type NewRoom = WithMode<components['schemas']['CreateRoomRequest']>;

/** A partial update: what is left out keeps its value. A room's slug never changes. */
export type RoomChanges = WithMode<components['schemas']['RoomChanges']>;

export function listAdminLounges(options?: RequestOptions): Promise<AdminLounge[]> {
  return api.get<AdminLounge[]>('/api/admin/lounges', options);
}

export function createLounge(lounge: NewLounge): Promise<AdminLounge> {
  return api.post<AdminLounge>('/api/admin/lounges', lounge);
}

export function updateLounge(id: string, changes: LoungeChanges): Promise<AdminLounge> {
  return api.patch<AdminLounge>(`/api/admin/lounges/${encodeURIComponent(id)}`, changes);
}

export function createRoom(loungeId: string, room: NewRoom): Promise<AdminRoom> {
  return api.post<AdminRoom>(`/api/admin/lounges/${encodeURIComponent(loungeId)}/rooms`, room);
}

export function updateRoom(id: string, changes: RoomChanges): Promise<AdminRoom> {
  return api.patch<AdminRoom>(`/api/admin/rooms/${encodeURIComponent(id)}`, changes);
}
