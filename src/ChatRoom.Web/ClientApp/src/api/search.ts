// Full-text search over the messages the signed-in user may read (GET /api/search/messages). The server decides
// what may be read and leaves deleted messages out; this module only asks and pages.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { MessageDto } from '../realtime/contracts.ts';
import { api, type RequestOptions } from './client.ts';
import { queryKeys } from './queryKeys.ts';
import type { components } from './schema.gen.ts';

/** A piece of a hit's snippet: `match` marks the words the query found. Text only, never markup. */
export type SnippetPart = components['schemas']['SnippetPart'];

/** A room in a lounge (`Lounge`) or a direct conversation (`Conversation`); the record carries it as a string. */
export type SearchRoomKind = 'Lounge' | 'Conversation' | (string & {});

/** `message` as the hub sends it (author, time, content); `roomName` and `roomKind` say where it was written. */
export type SearchHit = Omit<components['schemas']['SearchHit'], 'roomKind'> & { message: MessageDto; roomKind: SearchRoomKind };

/** One page of hits, best first; `nextCursor` (opaque) asks for the next, null when there is none. */
export type SearchResultsPage = Omit<components['schemas']['SearchPage'], 'hits'> & { hits: SearchHit[] };

/** What is searched: web-search syntax (`"exact words"`, `or`, `-word`), in every readable room or in one. */
export interface MessageSearch {
  q: string;
  /** Only this room or conversation; null for everywhere. */
  roomId: string | null;
}

export const SEARCH_PAGE_SIZE = 20;
/** The server takes 1 to 200 characters. */
export const SEARCH_QUERY_MAX_LENGTH = 200;

export function searchMessages(
  { q, roomId }: MessageSearch,
  cursor: string | null,
  limit = SEARCH_PAGE_SIZE,
  options?: RequestOptions,
): Promise<SearchResultsPage> {
  return api.get<SearchResultsPage>('/api/search/messages', { ...options, query: { q, roomId, cursor, limit } });
}

/** The hits for one search, a page at a time (`fetchNextPage` follows `nextCursor`); nothing is asked for an empty query. */
export function useMessageSearch({ q, roomId }: MessageSearch) {
  return useInfiniteQuery({
    queryKey: queryKeys.search.messages(q, roomId),
    queryFn: ({ pageParam, signal }) => searchMessages({ q, roomId }, pageParam, SEARCH_PAGE_SIZE, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: q.trim() !== '',
  });
}
