import { api, getJson, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

/** Someone the signed-in member blocked, and since when. The blocked person is never told. */
export type Block = components['schemas']['BlockResponse'];

export function fetchBlocks(options?: RequestOptions): Promise<Block[]> {
  return getJson<Block[]>('/api/me/blocks', options);
}

/** Blocking again changes nothing; the answer is the block either way. */
export function blockUser(userId: string): Promise<Block> {
  return api.put<Block>(`/api/me/blocks/${encodeURIComponent(userId)}`, {});
}

export function unblockUser(userId: string): Promise<void> {
  return api.delete(`/api/me/blocks/${encodeURIComponent(userId)}`);
}
