import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

export const MODERATION_MODES = ['PostModerated', 'PreModerated'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

// The records carry the moderation mode as a string; the modes are the ones above.
export type AdminRoom = Omit<components['schemas']['AdminRoomResponse'], 'moderationMode'> & { moderationMode: ModerationMode };

export type AdminLounge = Omit<components['schemas']['AdminLoungeResponse'], 'rooms'> & { rooms: AdminRoom[] };

export interface NewLounge {
  slug: string;
  name: string;
  description?: string;
  sortOrder?: number;
}

export interface LoungeChanges {
  name?: string;
  description?: string;
  sortOrder?: number;
  archived?: boolean;
}

export interface RoomSettings {
  name: string;
  languageCode: string;
  topic: string;
  sortOrder: number;
  moderationMode: ModerationMode;
  slowModeSeconds: number;
  guestsCanRead: boolean;
  guestsCanWrite: boolean;
}

export type NewRoom = RoomSettings & { slug: string };
export type RoomChanges = Partial<RoomSettings & { slug: string; archived: boolean }>;

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
