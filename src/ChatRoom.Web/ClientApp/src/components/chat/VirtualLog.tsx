import { useEffect, useRef, type Ref } from 'react';
import { Virtuoso, type Components, type VirtuosoHandle } from 'react-virtuoso';
import { LogRow } from './LogRow.tsx';
import { OlderMessages, type LogProps, type OlderHistory } from './MessageList.tsx';
import type { MessageRow } from './messageRows.ts';
import { useFirstItemIndex } from './useFirstItemIndex.ts';

interface LogContext {
  older: OlderHistory;
}

/*
 * Virtuoso's parts, defined once (new components each render would remount the list). The list is the `role="log"`
 * <ol>, each row an <li>: the same markup as PlainLog, only fewer rows at a time.
 */
const components: Components<MessageRow, LogContext> = {
  List: function MessageOl({ children, style, ref, 'data-testid': testId }) {
    return (
      <ol
        ref={ref as Ref<HTMLOListElement>}
        style={style}
        data-testid={testId}
        role="log"
        aria-live="polite"
        aria-label="Messages"
        className="message-list"
      >
        {children}
      </ol>
    );
  },
  Item: function MessageLi({ item, children, style, ...rest }) {
    const { 'data-index': index, 'data-item-index': itemIndex, 'data-known-size': knownSize } = rest;
    return (
      <LogRow row={item} style={style} data-index={index} data-item-index={itemIndex} data-known-size={knownSize}>
        {children}
      </LogRow>
    );
  },
  Header: function Older({ context }) {
    return <OlderMessages older={context.older} />;
  },
};

/**
 * Only the rows near the screen are in the page, so a room with 100,000 messages scrolls as one with ten. Reaching
 * the top loads the page of history before; `firstItemIndex` keeps the reader's place when it comes in.
 */
export function VirtualLog({ rows, renderRow, older, onAtBottomChange, scrollToLatestRef, focusKey }: LogProps) {
  const virtuoso = useRef<VirtuosoHandle>(null);
  const firstItemIndex = useFirstItemIndex(rows);

  useEffect(() => {
    scrollToLatestRef.current = () => {
      virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'smooth' });
    };
    return () => {
      scrollToLatestRef.current = null;
    };
  }, [scrollToLatestRef]);

  useEffect(() => {
    if (focusKey === null) return;
    const index = rows.findIndex((row) => row.key === focusKey);
    if (index >= 0) virtuoso.current?.scrollIntoView({ index, behavior: 'auto' });
    // Only when asked for: rows change with every message.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);

  return (
    <Virtuoso
      // Started afresh once the first messages are in: its starting place (the newest) is read only when it mounts.
      key={rows.length === 0 ? 'empty' : 'rows'}
      ref={virtuoso}
      className="message-scroller"
      tabIndex={0}
      data={rows}
      context={{ older }}
      components={components}
      firstItemIndex={firstItemIndex}
      initialTopMostItemIndex={{ index: 'LAST', align: 'end' }}
      computeItemKey={(_, row) => row.key}
      itemContent={(_, row) => renderRow(row)}
      alignToBottom
      // Stay at the newest while the reader is there; one's own message always brings them down to it.
      followOutput={(isAtBottom) => (isAtBottom || rows.at(-1)?.kind === 'pending' ? 'auto' : false)}
      atBottomThreshold={40}
      atBottomStateChange={onAtBottomChange}
      startReached={() => {
        if (older.hasMore && !older.loading && older.error === null) older.load();
      }}
      increaseViewportBy={{ top: 600, bottom: 300 }}
    />
  );
}
