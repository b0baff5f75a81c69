import { useEffect, useEffectEvent, useState } from 'react';
import { describeError } from '../api/problems.ts';
import type { Page } from '../api/users.ts';

type Load<T> = (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>;

export interface PagedList<T> {
  items: readonly T[] | null;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  reload: () => void;
  /** Drops one item, e.g. a report just closed while the list shows open ones. */
  remove: (predicate: (item: T) => boolean) => void;
  replace: (predicate: (item: T) => boolean, item: T) => void;
}

/** A forward-only cursor list with "Load more": the first page loads again whenever `key` (the filters) changes. */
export function usePagedList<T>(load: Load<T>, key: string): PagedList<T> {
  const [items, setItems] = useState<readonly T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  // New filters: the old items must not be shown under them while the first page loads.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setItems(null);
    setCursor(null);
    setLoading(true);
    setError(null);
  }
  const loadFirst = useEffectEvent((signal: AbortSignal) => load(null, signal));

  useEffect(() => {
    const controller = new AbortController();
    loadFirst(controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(describeError(e));
        setLoading(false);
      },
    );
    return () => {
      controller.abort();
    };
  }, [key, version]);

  async function loadMore() {
    if (loading || cursor === null) return;
    setLoading(true);
    setError(null);
    try {
      const page = await load(cursor);
      setItems((current) => [...(current ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  }

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore,
    reload: () => {
      setItems(null);
      setLoading(true);
      setError(null);
      setVersion((v) => v + 1);
    },
    remove: (predicate) => {
      setItems((current) => current?.filter((item) => !predicate(item)) ?? null);
    },
    replace: (predicate, item) => {
      setItems((current) => current?.map((i) => (predicate(i) ? item : i)) ?? null);
    },
  };
}
