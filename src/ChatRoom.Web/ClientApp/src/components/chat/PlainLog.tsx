import { useEffect, useRef } from 'react';
import { LogRow } from './LogRow.tsx';
import { OlderMessages, type LogProps } from './MessageList.tsx';

/** Within this many pixels of the end, the reader counts as at the bottom. */
const BOTTOM_SLACK = 40;

/** Every row rendered: where there is no layout to virtualise by. Follows new messages as VirtualLog does. */
export function PlainLog({ rows, renderRow, older, onAtBottomChange, scrollToLatestRef, focusKey }: LogProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    scrollToLatestRef.current = () => {
      element.scrollTop = element.scrollHeight;
    };
    const onScroll = () => {
      const now = element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK;
      if (now === atBottom.current) return;
      atBottom.current = now;
      onAtBottomChange(now);
    };
    element.addEventListener('scroll', onScroll);
    return () => {
      element.removeEventListener('scroll', onScroll);
      scrollToLatestRef.current = null;
    };
  }, [onAtBottomChange, scrollToLatestRef]);

  useEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [rows]);

  useEffect(() => {
    if (focusKey === null) return;
    const row = [...(scroller.current?.querySelectorAll<HTMLElement>('[data-key]') ?? [])].find((e) => e.dataset.key === focusKey);
    // The test DOM has no scrollIntoView.
    if (row && 'scrollIntoView' in row) row.scrollIntoView({ block: 'nearest' });
  }, [focusKey]);

  return (
    // Focusable, so the keyboard can scroll the history.
    <div ref={scroller} className="message-scroller" tabIndex={0}>
      <OlderMessages older={older} />
      <ol role="log" aria-live="polite" aria-label="Messages" className="message-list">
        {rows.map((row) => (
          <LogRow key={row.key} row={row} data-key={row.key}>
            {renderRow(row)}
          </LogRow>
        ))}
      </ol>
    </div>
  );
}
