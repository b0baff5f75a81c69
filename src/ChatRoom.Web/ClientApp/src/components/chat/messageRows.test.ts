import { describe, expect, it } from 'vitest';
import { bob, cy, me, message } from '../../test/fixtures.ts';
import { buildRows, dayLabel, type MessageRow } from './messageRows.ts';

const now = new Date('2025-03-10T15:00:00');
const at = (iso: string) => ({ createdAt: new Date(iso).toISOString() });
const options = { unreadAfterSeq: null, meId: me.id, isConcealed: () => false, now };

/** Each row in short: "day Today", "unread", "m1" or "m2+" (continued). */
function shape(rows: MessageRow[]): string[] {
  return rows.map((row) => {
    if (row.kind === 'day') return `day ${row.label}`;
    if (row.kind === 'unread') return 'unread';
    if (row.kind === 'message') return `${row.message.id}${row.continued ? '+' : ''}`;
    return `pending${row.continued ? '+' : ''}`;
  });
}

describe('the rows of the message list', () => {
  it('groups one author’s messages within five minutes, and starts again for someone else or after a pause', () => {
    const rows = buildRows(
      [
        message(1, 'a', bob, at('2025-03-10T10:00:00')),
        message(2, 'b', bob, at('2025-03-10T10:04:00')),
        message(3, 'c', cy, at('2025-03-10T10:05:00')),
        message(4, 'd', cy, at('2025-03-10T10:11:00')),
      ],
      [],
      options,
    );
    expect(shape(rows)).toEqual(['day Today', 'm1', 'm2+', 'm3', 'm4']);
  });

  it('puts a separator before each new day, named Today, Yesterday or by its date', () => {
    const rows = buildRows(
      [
        message(1, 'a', bob, at('2025-03-01T23:59:00')),
        message(2, 'b', bob, at('2025-03-09T00:01:00')),
        message(3, 'c', bob, at('2025-03-10T09:00:00')),
      ],
      [],
      options,
    );
    expect(shape(rows)).toEqual([`day ${dayLabel(new Date('2025-03-01T12:00:00'), now)}`, 'm1', 'day Yesterday', 'm2', 'day Today', 'm3']);
    expect(dayLabel(new Date('2025-03-01T12:00:00'), now)).toContain('2025');
  });

  it('marks where the unread messages of others start, breaking a group there', () => {
    const rows = buildRows(
      [message(1, 'a', bob, at('2025-03-10T10:00:00')), message(2, 'b', me, at('2025-03-10T10:01:00')), message(3, 'c', me, at('2025-03-10T10:02:00')), message(4, 'd', bob, at('2025-03-10T10:03:00'))],
      [],
      { ...options, unreadAfterSeq: 1 },
    );
    // One's own messages are not news to oneself.
    expect(shape(rows)).toEqual(['day Today', 'm1', 'm2', 'm3+', 'unread', 'm4']);
  });

  it('never groups a blocked person’s message, and continues one’s group with a message on its way', () => {
    const rows = buildRows(
      [message(1, 'a', bob, at('2025-03-10T10:00:00')), message(2, 'b', bob, at('2025-03-10T10:01:00')), message(3, 'c', me, at('2025-03-10T10:02:00'))],
      [{ clientMessageId: 'p1', roomId: 'r1', author: me, content: 'on its way', createdAt: new Date('2025-03-10T10:03:00').toISOString(), status: 'sending', error: null }],
      { ...options, isConcealed: (author) => author.id === bob.id },
    );
    expect(shape(rows)).toEqual(['day Today', 'm1', 'm2', 'm3', 'pending+']);
  });
});
