import { useInfiniteQuery, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { describeError } from '../api/problems.ts';
import type { Page } from '../api/users.ts';

type Load<T> = (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;

export interface PagedList<T> {
  items: readonly T[] | null;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  /** Forgets what was loaded and loads the first page again. */
  reload: () => void;
  /** Drops one item, e.g. a report just closed while the list shows open ones. */
  remove: (predicate: (item: T) => boolean) => void;
}

export interface PagedListOptions<T> {
  /** How soon to load the list again given what it holds (e.g. while the server is still working on an item); false: not by itself. */
  refreshEvery?: (items: readonly T[]) => number | false;
}

/** A forward-only cursor list with "Load more"; each key (the filters) is its own list, loaded from the first page. */
export function usePagedList<T>(queryKey: QueryKey, load: Load<T>, options: PagedListOptions<T> = {}): PagedList<T> {
  const queryClient = useQueryClient();
  const { refreshEvery } = options;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => load(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (q) => {
      const pages = q.state.data?.pages;
      return refreshEvery && pages ? refreshEvery(pages.flatMap((page) => page.items)) : false;
    },
  });

  return {
    items: query.data?.pages.flatMap((page) => page.items) ?? null,
    loading: query.isFetching,
    error: query.error === null ? null : describeError(query.error),
    hasMore: query.hasNextPage,
    loadMore: async () => {
      if (!query.isFetching) await query.fetchNextPage();
    },
    reload: () => {
      void queryClient.resetQueries({ queryKey, exact: true });
    },
    remove: (predicate) => {
      queryClient.setQueryData<InfiniteData<Page<T>>>(queryKey, (data) =>
        data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => !predicate(item)) })) },
      );
    },
  };
}
