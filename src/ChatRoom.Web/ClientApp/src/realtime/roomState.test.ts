import { describe, expect, it } from 'vitest';
import { bob, joinResult, me, message } from '../test/fixtures.ts';
import type { MessageDto } from './contracts.ts';
import { initialRoomState, orderedMessages, roomReducer, type RoomAction, type RoomState } from './roomState.ts';

/** Message `seq` of the shared room, its content telling which one it is. */
const msg = (seq: number, overrides: Partial<MessageDto> = {}) => message(seq, `message ${String(seq)}`, bob, overrides);

function run(...actions: RoomAction[]): RoomState {
  return actions.reduce(roomReducer, initialRoomState);
}

const contents = (state: RoomState) => orderedMessages(state).map((m) => m.content);

describe('roomReducer', () => {
  it('orders messages by seq whatever order they arrive in', () => {
    const state = run(
      { type: 'joined', result: joinResult({ messages: [msg(2), msg(3)], changeSeq: 3, hasMore: true }) },
      { type: 'created', message: msg(5) },
      { type: 'created', message: msg(4) },
      { type: 'olderLoaded', messages: [msg(1)], hasMore: false },
    );
    expect(orderedMessages(state).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(state.hasMore).toBe(false);
  });

  it('applies a repeated create once, the later copy replacing the first', () => {
    const state = run(
      { type: 'created', message: msg(1) },
      { type: 'created', message: msg(1) },
      { type: 'created', message: msg(1, { content: 'replaced' }) },
    );
    expect(contents(state)).toEqual(['replaced']);
  });

  it('applies edits, and an older copy never overwrites a newer edit', () => {
    const edited = msg(1, { content: 'edited', changeSeq: 7, editedAt: '2025-01-01T10:05:00Z' });
    const state = run(
      { type: 'created', message: msg(1) },
      { type: 'updated', message: edited },
      { type: 'olderLoaded', messages: [msg(1)], hasMore: false },
    );
    expect(contents(state)).toEqual(['edited']);
  });

  it('removes deleted messages for good, even if a create arrives late', () => {
    const state = run(
      { type: 'created', message: msg(1) },
      { type: 'created', message: msg(2) },
      { type: 'deleted', messageId: 'm1', changeSeq: 9 },
      { type: 'created', message: msg(1) },
    );
    expect(contents(state)).toEqual(['message 2']);
  });

  it('applies catch-up changes, tombstones included', () => {
    const state = run(
      { type: 'joined', result: joinResult({ messages: [msg(1), msg(2)], changeSeq: 2 }) },
      {
        type: 'caughtUp',
        result: joinResult({
          messages: [
            msg(3),
            msg(1, { content: 'edited while away', changeSeq: 4 }),
            msg(2, { deleted: true, content: '', changeSeq: 5 }),
          ],
          changeSeq: 5,
        }),
      },
    );
    expect(contents(state)).toEqual(['edited while away', 'message 3']);
  });

  it('ignores an edit or a deletion older than the message shown', () => {
    const state = run(
      { type: 'created', message: msg(1, { content: 'edited', changeSeq: 6 }) },
      { type: 'updated', message: msg(1, { content: 'first edit', changeSeq: 4 }) },
      { type: 'deleted', messageId: 'm1', changeSeq: 5 },
    );
    expect(contents(state)).toEqual(['edited']);
  });

  it('does not duplicate a create that arrives again past a catch-up', () => {
    const state = run(
      { type: 'created', message: msg(3) },
      { type: 'caughtUp', result: joinResult({ messages: [msg(2), msg(3)], changeSeq: 3 }) },
      { type: 'created', message: msg(3) },
    );
    expect(contents(state)).toEqual(['message 2', 'message 3']);
  });

  it('keeps changes broadcast while the join answer was on its way', () => {
    const state = run(
      { type: 'created', message: msg(4) },
      { type: 'deleted', messageId: 'm2', changeSeq: 5 },
      { type: 'created', message: msg(1) },
      { type: 'joined', result: joinResult({ messages: [msg(2), msg(3)], changeSeq: 3 }) },
    );
    expect(contents(state)).toEqual(['message 3', 'message 4']);
  });

  describe('own messages', () => {
    const started: RoomAction = {
      type: 'sendStarted',
      message: { clientMessageId: 'mine-1', roomId: 'r1', author: me, content: 'hello', createdAt: '2025-01-01T10:00:00Z' },
    };

    it('are pending until the ack, then confirmed at their seq', () => {
      let state = run({ type: 'created', message: msg(1) }, started);
      expect(state.pending).toMatchObject([{ clientMessageId: 'mine-1', status: 'sending' }]);

      state = roomReducer(state, {
        type: 'sendAcked',
        clientMessageId: 'mine-1',
        ack: { id: 'm2', roomId: 'r1', seq: 2, changeSeq: 2, createdAt: '2025-01-01T10:00:01Z' },
      });
      expect(state.pending).toEqual([]);
      expect(orderedMessages(state).map((m) => [m.id, m.content])).toEqual([
        ['m1', 'message 1'],
        ['m2', 'hello'],
      ]);

      state = roomReducer(state, { type: 'created', message: msg(2, { content: 'hello', clientMessageId: 'mine-1' }) });
      expect(orderedMessages(state)).toHaveLength(2);
    });

    it('are confirmed by the echo when it comes before the ack', () => {
      let state = run(started, {
        type: 'created',
        message: msg(2, { content: 'hello', clientMessageId: 'mine-1' }),
      });
      expect(state.pending).toEqual([]);
      state = roomReducer(state, {
        type: 'sendAcked',
        clientMessageId: 'mine-1',
        ack: { id: 'm2', roomId: 'r1', seq: 2, changeSeq: 2, createdAt: '2025-01-01T10:00:01Z' },
      });
      expect(contents(state)).toEqual(['hello']);
    });

    it('fail with the error and retry with the same clientMessageId', () => {
      let state = run(started, { type: 'sendFailed', clientMessageId: 'mine-1', error: 'You are muted.' });
      expect(state.pending).toMatchObject([{ clientMessageId: 'mine-1', status: 'failed', error: 'You are muted.' }]);
      state = roomReducer(state, { type: 'retrying', clientMessageId: 'mine-1' });
      expect(state.pending).toMatchObject([{ clientMessageId: 'mine-1', status: 'sending', error: null }]);
      state = roomReducer(state, { type: 'discarded', clientMessageId: 'mine-1' });
      expect(state.pending).toEqual([]);
    });

    it('survive a fresh join and are confirmed by catch-up', () => {
      const state = run(started, {
        type: 'joined',
        result: joinResult({ messages: [msg(1), msg(2, { content: 'hello', clientMessageId: 'mine-1' })], changeSeq: 2 }),
      });
      expect(state.pending).toEqual([]);
      expect(contents(state)).toEqual(['message 1', 'hello']);
    });
  });
});

describe('pre-moderated messages', () => {
  it('are replaced, not duplicated, when the approval arrives as a second create', () => {
    const state = run(
      { type: 'created', message: msg(1, { status: 'Pending' }) },
      { type: 'created', message: msg(1, { status: 'Approved', changeSeq: 4 }) },
    );
    expect(orderedMessages(state).map((m) => [m.id, m.status])).toEqual([['m1', 'Approved']]);
  });

  it('stay approved when an older pending copy at the same change arrives late', () => {
    const state = run(
      { type: 'created', message: msg(1, { status: 'Approved' }) },
      { type: 'olderLoaded', messages: [msg(1, { status: 'Pending' })], hasMore: false },
    );
    expect(orderedMessages(state).map((m) => m.status)).toEqual(['Approved']);
  });

  it('keep the pending status the sender was told about when the ack comes first', () => {
    const state = run(
      {
        type: 'sendStarted',
        message: { clientMessageId: 'mine', roomId: 'r1', author: me, content: 'hi', createdAt: '2025-01-01T10:00:00Z' },
      },
      {
        type: 'sendAcked',
        clientMessageId: 'mine',
        ack: { id: 'm7', roomId: 'r1', seq: 7, changeSeq: 7, createdAt: '2025-01-01T10:00:01Z' },
        status: 'Pending',
      },
    );
    expect(orderedMessages(state).map((m) => [m.id, m.status])).toEqual([['m7', 'Pending']]);
    expect(state.pending).toEqual([]);
  });

  it('disappear when rejected, which reaches clients as a deletion', () => {
    const state = run(
      { type: 'created', message: msg(1, { status: 'Pending' }) },
      { type: 'deleted', messageId: 'm1', changeSeq: 3 },
    );
    expect(orderedMessages(state)).toEqual([]);
  });

  it('patches the quotes of replies shown when their original is edited or deleted, keeping their changeSeq', () => {
    const quote = { messageId: 'm1', seq: 1, author: bob, excerpt: 'message 1', deleted: false };
    const reply = msg(2, { replyTo: quote });
    const edited = run(
      { type: 'joined', result: joinResult({ messages: [msg(1), reply], changeSeq: 2 }) },
      { type: 'updated', message: msg(1, { content: 'x'.repeat(250), changeSeq: 3 }) },
    );
    expect(edited.byId.m2?.replyTo).toEqual({ ...quote, excerpt: 'x'.repeat(200) });
    expect(edited.byId.m2?.changeSeq).toBe(2);

    const deleted = roomReducer(edited, { type: 'deleted', messageId: 'm1', changeSeq: 4 });
    expect(deleted.byId.m2?.replyTo).toEqual({ ...quote, excerpt: '', deleted: true });
  });

  it('leaves a reply’s quote alone when only the original’s count changes', () => {
    const quote = { messageId: 'm1', seq: 1, author: bob, excerpt: 'as the server cut it', deleted: false };
    const start = run({ type: 'joined', result: joinResult({ messages: [msg(1), msg(2, { replyTo: quote })], changeSeq: 2 }) });
    const counted = roomReducer(start, { type: 'updated', message: msg(1, { replyCount: 1, changeSeq: 3 }) });
    expect(counted.byId.m2).toBe(start.byId.m2);
  });

  it('keeps what a reply with files carries through its ack', () => {
    const quote = { messageId: 'm1', seq: 1, author: bob, excerpt: 'message 1', deleted: false };
    const file = { id: 'a1', fileName: 'cat.png', contentType: 'image/png', sizeBytes: 10, isImage: true };
    const state = run(
      {
        type: 'sendStarted',
        message: { clientMessageId: 'c-new', roomId: 'r1', author: me, content: '', createdAt: '2025-01-01T10:00:00Z', replyTo: quote, attachments: [file] },
      },
      { type: 'sendAcked', clientMessageId: 'c-new', ack: { id: 'm9', roomId: 'r1', seq: 9, changeSeq: 9, createdAt: '2025-01-01T10:00:01Z' } },
    );
    expect(state.pending).toEqual([]);
    expect(state.byId.m9?.replyTo).toEqual(quote);
    expect(state.byId.m9?.attachments).toEqual([file]);
  });
});
