import { useState } from 'react';
import type { MessageRow } from './messageRows.ts';

/** Far from zero, so history can be prepended many times over (Virtuoso wants it positive). */
const START = 10_000_000;

/**
 * Virtuoso keeps the reader's place when history is prepended if the first item's index drops by as many rows as
 * came in front. Found by where a row both lists share sits in each (messages added at the bottom move nothing).
 */
export function useFirstItemIndex(rows: readonly MessageRow[]): number {
  const [state, setState] = useState({ rows, first: START });
  if (state.rows !== rows) {
    setState({ rows, first: state.first - shiftOf(state.rows, rows) });
  }
  return state.first;
}

export function shiftOf(before: readonly MessageRow[], after: readonly MessageRow[]): number {
  const indexAfter = new Map(after.map((row, index) => [row.key, index]));
  for (const [index, row] of before.entries()) {
    // Day separators move up with the history of their day: only messages keep their place.
    if (row.kind !== 'message') continue;
    const found = indexAfter.get(row.key);
    if (found !== undefined) return found - index;
  }
  return 0;
}
