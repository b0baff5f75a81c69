import { getJson, type RequestOptions } from './client.ts';

export interface Room {
  id: string;
  name: string;
  slug: string;
  languageCode: string;
  topic: string | null;
}

export interface Lounge {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  rooms: Room[];
}

export function fetchLounges(options?: RequestOptions): Promise<Lounge[]> {
  return getJson<Lounge[]>('/api/lounges', options);
}
