import { api, getJson, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

/** Its id is a room id: history, sends, edits and catch-up go through the rooms' endpoints and hub methods. */
export type Conversation = components['schemas']['ConversationResponse'];

/** The people besides the one starting it: one for a conversation of two, up to nine for a group of ten. */
export const MAX_OTHER_MEMBERS = 9;

/** The user's conversations, the most recently active first. */
export function fetchConversations(options?: RequestOptions): Promise<Conversation[]> {
  return getJson<Conversation[]>('/api/conversations', options);
}

export function fetchConversation(id: string, options?: RequestOptions): Promise<Conversation> {
  return getJson<Conversation>(`/api/conversations/${encodeURIComponent(id)}`, options);
}

/** A new conversation, or the existing one when it is with one person the user already talks to. */
export function startConversation(memberIds: string[]): Promise<Conversation> {
  const body: components['schemas']['StartConversationRequest'] = { memberIds };
  return api.post<Conversation>('/api/conversations', body);
}

/** Only a group can be left (a conversation of two answers conversation.direct_cannot_leave). */
export function leaveConversation(id: string): Promise<void> {
  return api.delete(`/api/conversations/${encodeURIComponent(id)}/members/me`);
}
