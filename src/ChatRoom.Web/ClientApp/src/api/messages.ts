import type { MessageDto } from '../realtime/contracts.ts';
import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

export type MessagePage = components['schemas']['HistoryPage'];

/** Older history, ascending, ending just before `beforeSeq`. */
export function fetchOlderMessages(roomId: string, beforeSeq: number, options: RequestOptions = {}): Promise<MessagePage> {
  return api.get<MessagePage>(`/api/rooms/${encodeURIComponent(roomId)}/messages`, {
    ...options,
    query: { before: beforeSeq, limit: 50 },
  });
}

export function editMessage(messageId: string, content: string): Promise<MessageDto> {
  const body: components['schemas']['EditMessageRequest'] = { content };
  return api.put<MessageDto>(`/api/messages/${encodeURIComponent(messageId)}`, body);
}

export function deleteMessage(messageId: string): Promise<void> {
  return api.delete(`/api/messages/${encodeURIComponent(messageId)}`);
}
