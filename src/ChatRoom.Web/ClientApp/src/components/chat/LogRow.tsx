import type { HTMLAttributes, ReactNode, Ref } from 'react';
import type { MessageRow } from './messageRows.ts';

/**
 * One row of the log as its list item. Messages are listitems (each holding its text and its own buttons); a day or
 * the start of the unread messages is a separator, named by its words, so counting the listitems counts messages.
 */
export function LogRow({
  row,
  children,
  rowRef,
  ...rest
}: { row: MessageRow; children?: ReactNode; rowRef?: Ref<HTMLLIElement> } & Omit<HTMLAttributes<HTMLLIElement>, 'children'>) {
  if (row.kind === 'day') {
    return (
      <li ref={rowRef} {...rest} role="separator" aria-label={row.label} className="log-separator log-day">
        <span aria-hidden="true">{row.label}</span>
      </li>
    );
  }
  if (row.kind === 'unread') {
    return (
      <li ref={rowRef} {...rest} role="separator" aria-label="New messages" className="log-separator log-unread">
        <span aria-hidden="true">New messages</span>
      </li>
    );
  }
  return (
    <li ref={rowRef} {...rest} className="log-message">
      {children}
    </li>
  );
}
