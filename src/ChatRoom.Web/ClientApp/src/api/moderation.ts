import type { MessageDto, UserSummary } from '../realtime/contracts.ts';
import { api, type RequestOptions } from './client.ts';
import type { Page } from './users.ts';

export const ACTION_KINDS = ['Warn', 'Mute', 'Unmute', 'Kick', 'Ban', 'Unban', 'DeleteMessage'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
/** The longest timed mute or ban the Api accepts: 30 days. */
export const MAX_DURATION_MINUTES = 43_200;

export interface NewAction {
  kind: ActionKind;
  userId?: string;
  roomId?: string;
  messageId?: string;
  reason?: string;
  durationMinutes?: number;
}

export interface ModerationAction {
  id: string;
  kind: ActionKind;
  targetUser: UserSummary;
  roomId: string | null;
  messageId: string | null;
  moderator: UserSummary | null;
  reason: string | null;
  createdAt: string;
  expiresAt: string | null;
  liftedAt: string | null;
}

export interface QueuedMessage {
  message: MessageDto;
  roomName: string;
  moderationNote: string | null;
}

export function takeAction(action: NewAction): Promise<ModerationAction> {
  return api.post<ModerationAction>('/api/admin/moderation/actions', action);
}

export function listActions(
  userId: string,
  cursor: string | null,
  limit: number,
  options?: RequestOptions,
): Promise<Page<ModerationAction>> {
  return api.get<Page<ModerationAction>>('/api/admin/moderation/actions', { ...options, query: { userId, cursor, limit } });
}

/** `roomId` empty for every pre-moderated room. */
export function listQueue(
  roomId: string,
  cursor: string | null,
  limit: number,
  options?: RequestOptions,
): Promise<Page<QueuedMessage>> {
  return api.get<Page<QueuedMessage>>('/api/admin/moderation/queue', { ...options, query: { roomId, cursor, limit } });
}

export function approveMessage(id: string): Promise<MessageDto> {
  return api.post<MessageDto>(`/api/admin/moderation/messages/${encodeURIComponent(id)}/approve`, {});
}

export function rejectMessage(id: string, reason: string | null): Promise<MessageDto> {
  return api.post<MessageDto>(`/api/admin/moderation/messages/${encodeURIComponent(id)}/reject`, reason ? { reason } : {});
}
