import type { MessageDto } from '../realtime/contracts.ts';
import { api, getJson, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

/** One emoji people may react with; `name` holds the words it is found by, the first one naming it. */
export type ReactionEmoji = components['schemas']['ReactionEmoji'];

/** A message's reactions with one emoji: how many, and the first 20 reactors in order. */
export type ReactionSummary = components['schemas']['ReactionSummary'];

/** The emoji the server accepts (the same for everyone, so asked once). */
export function fetchReactionEmoji(options?: RequestOptions): Promise<ReactionEmoji[]> {
  return getJson<ReactionEmoji[]>('/api/reactions', options);
}

function reactionPath(messageId: string, emoji: string): string {
  return `/api/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`;
}

/** Reacting twice changes nothing; the answer is the message with its reactions as they are now. */
export function addReaction(messageId: string, emoji: string): Promise<MessageDto> {
  return api.put<MessageDto>(reactionPath(messageId, emoji), {});
}

/** The DELETE answers the updated message too (not 204), so this does not go through `api.delete`. */
export function removeReaction(messageId: string, emoji: string): Promise<MessageDto> {
  return api.deleteWithAnswer<MessageDto>(reactionPath(messageId, emoji));
}
