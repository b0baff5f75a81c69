import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedIn } from '../test/fakeApi.ts';
import { fakeConnection, hubException } from '../test/fakeHub.ts';
import { HubEvents } from './hubEvents.ts';
import type { CatchUpResult, JoinRoomResult, MessageDto } from './contracts.ts';

const room: JoinRoomResult['room'] = {
  id: 'r1',
  loungeId: 'l1',
  slug: 'en',
  name: 'English',
  languageCode: 'en',
  topic: null,
  moderationMode: 'PostModerated',
  slowModeSeconds: 0,
  guestsCanWrite: true,
  requiresVerifiedPhone: false,
  adultsOnly: false,
  kind: 'Lounge',
};

function change(changeSeq: number): MessageDto {
  return {
    id: `m${String(changeSeq)}`,
    roomId: 'r1',
    seq: changeSeq,
    changeSeq,
    author: { id: 'u2', userName: 'bob', displayName: null, avatarUrl: null, role: 'User', phoneVerified: false },
    content: 'hi',
    status: 'Approved',
    clientMessageId: `c${String(changeSeq)}`,
    createdAt: '2025-01-01T00:00:00Z',
    editedAt: null,
    deleted: false,
    replyCount: 0,
  };
}

const answer = (changeSeq: number, messages: MessageDto[] = [], hasMore = false): CatchUpResult => ({ messages, changeSeq, hasMore });

/** A connection joined to r1 at change 5, whose hub answers CatchUp with `catchUp` (and re-joins with `rejoin`). */
async function joinedAt5(catchUp: (after: number) => Promise<CatchUpResult>, rejoin = answer(5)) {
  const session = await signedIn('User');
  const fake = fakeConnection(session, (method, args) => {
    if (method === 'JoinRoom') return Promise.resolve({ room, online: [], ...(args[1] === null ? answer(5) : rejoin) });
    if (method === 'CatchUp') return catchUp(args[1] as number);
    return Promise.resolve(undefined);
  });
  const caughtUp = vi.fn();
  fake.connection.onCaughtUp(caughtUp);
  await fake.connection.joinRoom('r1');
  vi.useFakeTimers();
  const catchUps = () => fake.invocations.filter((i) => i.method === 'CatchUp').map((i) => i.args);
  return { ...fake, caughtUp, catchUps };
}

beforeEach(() => {
  vi.useRealTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('catching up a joined room without a reconnect', () => {
  it('asks once, after the grace, when a later change shows a hole', async () => {
    const { connection, raise, caughtUp, catchUps } = await joinedAt5(() => Promise.resolve(answer(7, [change(6)])));
    raise(HubEvents.MessageCreated, change(7));
    raise(HubEvents.MessageUpdated, change(8));

    await vi.advanceTimersByTimeAsync(999);
    expect(catchUps()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(catchUps()).toEqual([['r1', 5]]);
    expect(caughtUp).toHaveBeenCalledWith('r1', answer(7, [change(6)]));
    expect(connection.appliedChangeSeq('r1')).toBe(8);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(catchUps()).toHaveLength(1);
  });

  it('does not ask when the missing change arrives out of order within the grace', async () => {
    const { connection, raise, catchUps } = await joinedAt5(() => Promise.resolve(answer(7)));
    raise(HubEvents.MessageCreated, change(7));
    await vi.advanceTimersByTimeAsync(500);
    raise(HubEvents.MessageDeleted, { roomId: 'r1', messageId: 'm2', seq: 2, changeSeq: 6 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(catchUps()).toEqual([]);
    expect(connection.appliedChangeSeq('r1')).toBe(7);
  });

  it('asks when the announced head is ahead, and carries on while the answer has more', async () => {
    const answers = [answer(7, [change(7)], true), answer(9, [change(8)])];
    const { connection, raise, caughtUp, catchUps } = await joinedAt5(() => Promise.resolve(answers.shift() ?? answer(9)));
    raise(HubEvents.RoomHead, { roomId: 'r1', changeSeq: 5 });
    raise(HubEvents.RoomHead, { roomId: 'elsewhere', changeSeq: 50 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(catchUps()).toEqual([]);

    raise(HubEvents.RoomHead, { roomId: 'r1', changeSeq: 9 });
    await vi.advanceTimersByTimeAsync(1_000);
    // 9 is someone else's pending message: the answer covers it all the same.
    expect(catchUps()).toEqual([
      ['r1', 5],
      ['r1', 7],
    ]);
    expect(caughtUp).toHaveBeenCalledTimes(2);
    expect(connection.appliedChangeSeq('r1')).toBe(9);
  });

  it('keeps one catch-up in flight per room and looks again when it answers', async () => {
    const pending: ((result: CatchUpResult) => void)[] = [];
    const { connection, raise, catchUps } = await joinedAt5(
      () =>
        new Promise((resolve) => {
          pending.push(resolve);
        }),
    );
    raise(HubEvents.RoomHead, { roomId: 'r1', changeSeq: 7 });
    await vi.advanceTimersByTimeAsync(1_000);
    raise(HubEvents.RoomHead, { roomId: 'r1', changeSeq: 9 });
    raise(HubEvents.MessageCreated, change(9));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(catchUps()).toEqual([['r1', 5]]);

    pending.shift()?.(answer(7));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(catchUps()).toEqual([
      ['r1', 5],
      ['r1', 7],
    ]);
    pending.shift()?.(answer(8));
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.appliedChangeSeq('r1')).toBe(9);
  });

  it('tries a failed catch-up again later', async () => {
    let fail = true;
    const { connection, raise, catchUps } = await joinedAt5(() =>
      fail ? Promise.reject(hubException('CatchUp', 'chat.not_joined', 'Join the room first.')) : Promise.resolve(answer(6)),
    );
    raise(HubEvents.RoomHead, { roomId: 'r1', changeSeq: 6 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(catchUps()).toHaveLength(1);
    fail = false;

    await vi.advanceTimersByTimeAsync(1_999);
    expect(catchUps()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(catchUps()).toEqual([
      ['r1', 5],
      ['r1', 5],
    ]);
    expect(connection.appliedChangeSeq('r1')).toBe(6);
  });

  it('stops asking for a room once it is left', async () => {
    const { connection, raise, catchUps } = await joinedAt5(() => Promise.resolve(answer(7)));
    raise(HubEvents.MessageCreated, change(7));
    await connection.leaveRoom('r1');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(catchUps()).toEqual([]);
  });
});

describe('re-joining after a reconnect', () => {
  it('asks after the last change applied without a hole, and carries on at once when the answer has more', async () => {
    const { connection, raise, dropAndReconnect, invocations } = await joinedAt5(
      () => Promise.resolve(answer(12)),
      answer(8, [change(7), change(8)], true),
    );
    raise(HubEvents.MessageCreated, change(6));
    raise(HubEvents.MessageCreated, change(8));
    invocations.length = 0;

    dropAndReconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(invocations).toEqual([
      { method: 'JoinRoom', args: ['r1', 6] },
      { method: 'CatchUp', args: ['r1', 8] },
    ]);
    expect(connection.appliedChangeSeq('r1')).toBe(12);
  });
});
