import { api, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

/** A message and a page of its replies, oldest first; `hasMore`: ask again after the last reply's seq. */
export type ThreadPage = components['schemas']['ThreadPage'];

export const THREAD_PAGE_SIZE = 50;

export function fetchThread(messageId: string, afterSeq: number | null, options: RequestOptions = {}): Promise<ThreadPage> {
  return api.get<ThreadPage>(`/api/messages/${encodeURIComponent(messageId)}/thread`, {
    ...options,
    query: { after: afterSeq, limit: THREAD_PAGE_SIZE },
  });
}
