import type { MessageDto, UserSummary } from '../../realtime/contracts.ts';
import type { PendingMessage } from '../../realtime/roomState.ts';

/** Messages by one author this close together read as one block under one name. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

/**
 * One row of the message list. Separators (a new day, where unread starts) are rows of their own, so a virtual list
 * can treat every row alike; `continued`: the same author as the row before, shown without name and avatar.
 */
export type MessageRow =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: MessageDto; continued: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage; continued: boolean };

interface RowOptions {
  /** Messages after this seq by others are new to the reader ("New messages" above the first); null: none. */
  unreadAfterSeq: number | null;
  meId: string | null;
  /** A blocked person's message stands alone (a collapsed line), never part of a group. */
  isConcealed: (author: UserSummary) => boolean;
  /** Today, for "Today" and "Yesterday". */
  now?: Date;
}

export function buildRows(messages: readonly MessageDto[], pending: readonly PendingMessage[], options: RowOptions): MessageRow[] {
  const rows: MessageRow[] = [];
  const now = options.now ?? new Date();
  let previous: { authorId: string; at: number; day: string; groupable: boolean } | null = null;
  let unreadPlaced = false;

  /** Adds the separators due before a row by `author`; answers whether that row continues the one before. */
  function separate(author: UserSummary, createdAt: string, groupable: boolean, firstUnread: boolean): boolean {
    const at = new Date(createdAt);
    const day = at.toDateString();
    let broken = previous?.day !== day;
    if (broken) rows.push({ kind: 'day', key: `day-${day}`, label: dayLabel(at, now) });
    if (firstUnread) {
      rows.push({ kind: 'unread', key: 'unread' });
      broken = true;
    }
    const continued =
      !broken &&
      previous !== null &&
      previous.groupable &&
      groupable &&
      previous.authorId === author.id &&
      at.getTime() - previous.at < GROUP_WINDOW_MS;
    previous = { authorId: author.id, at: at.getTime(), day, groupable };
    return continued;
  }

  for (const message of messages) {
    const firstUnread =
      !unreadPlaced && options.unreadAfterSeq !== null && message.seq > options.unreadAfterSeq && message.author.id !== options.meId;
    if (firstUnread) unreadPlaced = true;
    const continued = separate(message.author, message.createdAt, !options.isConcealed(message.author), firstUnread);
    rows.push({ kind: 'message', key: message.id, message, continued });
  }
  for (const item of pending) {
    rows.push({ kind: 'pending', key: item.clientMessageId, pending: item, continued: separate(item.author, item.createdAt, true, false) });
  }
  return rows;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });

/** "Today", "Yesterday", or the date in the reader's language. */
export function dayLabel(date: Date, now: Date): string {
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (date.toDateString() === now.toDateString()) return 'Today';
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return dateFormat.format(date);
}
