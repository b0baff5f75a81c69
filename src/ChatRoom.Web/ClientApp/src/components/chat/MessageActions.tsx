import type { ReactNode, RefObject } from 'react';

/**
 * A message's actions, in a small toolbar over its top right corner. Shown on hover, on keyboard focus inside the
 * message and on a tap (chat.css); hidden with opacity only, so the buttons stay in place for the keyboard, screen
 * readers and the browser tests. `reply`: first when there is one; `extra`: the author's actions (message, block, a
 * moderator's).
 */
export function MessageActions({
  reply,
  time,
  author,
  own,
  busy,
  react,
  editButton,
  onEdit,
  onDelete,
  onReport,
  extra,
}: {
  reply?: ReactNode;
  time: string;
  author: string;
  own: boolean;
  busy: boolean;
  /** The React button (with its picker), when the message can be reacted to. */
  react: ReactNode;
  editButton: RefObject<HTMLButtonElement | null>;
  onEdit: (() => void) | null;
  onDelete: (() => void) | null;
  onReport: (() => void) | null;
  extra: ReactNode;
}) {
  return (
    <div className="message-toolbar">
      {reply}
      {react}
      {own && onEdit && (
        <button ref={editButton} type="button" className="message-action" aria-label={`Edit your message from ${time}`} disabled={busy} onClick={onEdit}>
          Edit
        </button>
      )}
      {!own && onReport && (
        <button type="button" className="message-action" aria-label={`Report ${author}'s message from ${time}`} onClick={onReport}>
          Report
        </button>
      )}
      {onDelete && (
        <button
          type="button"
          className="message-action message-action-danger"
          aria-label={own ? `Delete your message from ${time}` : `Delete ${author}'s message from ${time}`}
          disabled={busy}
          onClick={onDelete}
        >
          Delete
        </button>
      )}
      {!own && extra}
    </div>
  );
}
