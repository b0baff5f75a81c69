import type { MessageDto } from '../realtime/contracts.ts';
import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';
import type { Page } from './users.ts';

export const ACTION_KINDS = ['Warn', 'Mute', 'Unmute', 'Kick', 'Ban', 'Unban', 'DeleteMessage'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
/** The longest timed mute or ban the Api accepts: 30 days. */
export const MAX_DURATION_MINUTES = 43_200;

// The records carry the kind as a string; the kinds are the ones above.
export type NewAction = Omit<components['schemas']['ModerationActionRequest'], 'kind'> & { kind: ActionKind };

export type ModerationAction = Omit<components['schemas']['ModerationActionResponse'], 'kind'> & { kind: ActionKind };

export type QueuedMessage = components['schemas']['PendingMessageResponse'];

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
  const body: components['schemas']['RejectMessageRequest'] = reason ? { reason } : {};
  return api.post<MessageDto>(`/api/admin/moderation/messages/${encodeURIComponent(id)}/reject`, body);
}
