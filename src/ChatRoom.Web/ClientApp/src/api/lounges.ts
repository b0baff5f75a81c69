import { getJson, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';

export type Room = components['schemas']['RoomSummary'];

export type Lounge = components['schemas']['LoungeResponse'];

export function fetchLounges(options?: RequestOptions): Promise<Lounge[]> {
  return getJson<Lounge[]>('/api/lounges', options);
}
