import { useRef, useState, type ReactNode, type RefObject } from 'react';
import type { MessageRow } from './messageRows.ts';
import { PlainLog } from './PlainLog.tsx';
import { VirtualLog } from './VirtualLog.tsx';

export interface OlderHistory {
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  load: () => void;
}

export interface LogProps {
  rows: readonly MessageRow[];
  /** What a message or pending row shows inside its list item. */
  renderRow: (row: MessageRow) => ReactNode;
  older: OlderHistory;
  onAtBottomChange: (atBottom: boolean) => void;
  /** Set by the list: how to bring the newest message into view. */
  scrollToLatestRef: RefObject<(() => void) | null>;
  /** Brings this message into view (e.g. the one whose editor Up in the composer opened). */
  focusKey: string | null;
}

/**
 * The room's messages in a `role="log"` list that scrolls by itself, kept at the bottom as messages arrive while the
 * reader is there. Virtualised (only what is on screen is in the page) where the browser lays out; without layout
 * (the test DOM has no ResizeObserver and no sizes) every row is rendered, the same markup. "Jump to latest" shows
 * when the reader has scrolled up, with how many messages came since.
 */
export function MessageList({ rows, renderRow, older, focusKey }: Omit<LogProps, 'onAtBottomChange' | 'scrollToLatestRef'>) {
  const [atBottom, setAtBottom] = useState(true);
  const scrollToLatestRef = useRef<(() => void) | null>(null);
  // The newest row the reader was at the bottom with: what came after it is new (history loaded above is not).
  const lastKey = rows.at(-1)?.key ?? null;
  const [seenKey, setSeenKey] = useState(lastKey);
  if (atBottom && seenKey !== lastKey) setSeenKey(lastKey);
  const unseen = atBottom ? 0 : unseenAfter(rows, seenKey);

  const props: LogProps = { rows, renderRow, older, onAtBottomChange: setAtBottom, scrollToLatestRef, focusKey };
  return (
    <div className="message-log">
      {typeof ResizeObserver === 'undefined' ? <PlainLog {...props} /> : <VirtualLog {...props} />}
      {!atBottom && (
        <button
          type="button"
          className="jump-latest"
          onClick={() => {
            scrollToLatestRef.current?.();
          }}
        >
          Jump to latest
          {unseen > 0 && <span className="jump-latest-count">, {unseen === 1 ? '1 new message' : `${String(unseen)} new messages`}</span>}
        </button>
      )}
    </div>
  );
}

function unseenAfter(rows: readonly MessageRow[], seenKey: string | null): number {
  let unseen = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (row === undefined || row.key === seenKey) return unseen;
    if (row.kind === 'message' || row.kind === 'pending') unseen++;
  }
  // The row seen last is gone (one's own message confirmed, a message deleted): nothing to tell.
  return 0;
}

/** "Load older messages" above the oldest shown: the way for the keyboard, and the fallback when scrolling up does not load. */
export function OlderMessages({ older }: { older: OlderHistory }) {
  if (!older.hasMore) return null;
  return (
    <div className="chat-older">
      <button type="button" className="secondary" disabled={older.loading} onClick={older.load}>
        {older.loading ? 'Loading…' : 'Load older messages'}
      </button>
      {older.error !== null && (
        <p role="alert" className="message-error">
          {older.error}
        </p>
      )}
    </div>
  );
}
