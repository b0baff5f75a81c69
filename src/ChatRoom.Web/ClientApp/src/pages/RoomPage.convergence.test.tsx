import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubEvents } from '../realtime/hubEvents.ts';
import type { CatchUpResult } from '../realtime/contracts.ts';
import { blocksApi, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { joinResult, message as messageBy, bob } from '../test/fixtures.ts';
import { renderWithProviders } from '../test/render.tsx';
import { RoomPage } from './RoomPage.tsx';

// Every chat view (and the profile) reads the people the member blocked; none unless a test says otherwise.
beforeEach(() => {
  blocksApi();
});

afterEach(() => {
  vi.useRealTimers();
});

const message = (seq: number, content: string, overrides = {}) => messageBy(seq, content, bob, overrides);
const joined = joinResult({ room: { ...joinResult().room, topic: null }, messages: [message(1, 'one'), message(2, 'two')], changeSeq: 2 });

/**
 * The room joined at change 2, its hub answering CatchUp with `catchUp` and a re-join with `rejoin`; then the
 * clock is the test's.
 */
async function renderRoom(catchUp: (after: number) => CatchUpResult, rejoin?: (after: number) => CatchUpResult) {
  const session = await signedIn('User');
  const fake = fakeConnection(session, (method, args) => {
    const after = args[1] as number | null;
    if (method === 'JoinRoom') return Promise.resolve(after === null || !rejoin ? joined : { ...joined, ...rejoin(after) });
    if (method === 'CatchUp') return Promise.resolve(catchUp(after ?? 0));
    return Promise.resolve(undefined);
  });
  renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  await screen.findByRole('heading', { name: 'English' });
  vi.useFakeTimers();
  const catchUps = () => fake.invocations.filter((i) => i.method === 'CatchUp').map((i) => i.args);
  return { ...fake, catchUps };
}

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const shown = () =>
  within(screen.getByRole('log', { name: 'Messages' }))
    .getAllByRole('listitem')
    .map((item) => ['one', 'two', 'three', 'four', 'five'].find((text) => within(item).queryByText(text)));

describe('a room that missed broadcasts', () => {
  it('shows a lost message once the server announces a later change, without a reload', async () => {
    const { raise, catchUps } = await renderRoom(() => ({ messages: [message(3, 'three')], changeSeq: 3, hasMore: false }));
    raise(HubEvents.RoomHead, { roomId: 'r1', changeSeq: 3 });
    await wait(1_000);
    expect(catchUps()).toEqual([['r1', 2]]);
    expect(shown()).toEqual(['one', 'two', 'three']);
  });

  it('removes a message whose rejection was lost once the server announces it', async () => {
    const rejected = message(2, '', { deleted: true, changeSeq: 3 });
    const { raise } = await renderRoom(() => ({ messages: [rejected], changeSeq: 3, hasMore: false }));
    expect(shown()).toEqual(['one', 'two']);
    raise(HubEvents.RoomHead, { roomId: 'r1', changeSeq: 3 });
    await wait(1_000);
    expect(shown()).toEqual(['one']);
  });

  it('shows a change past a hole at once and fills the hole once, after a grace', async () => {
    const { raise, catchUps } = await renderRoom(() => ({ messages: [message(3, 'three')], changeSeq: 4, hasMore: false }));
    raise(HubEvents.MessageCreated, message(4, 'four'));
    expect(shown()).toEqual(['one', 'two', 'four']);

    await wait(999);
    expect(catchUps()).toEqual([]);
    await wait(1);
    expect(catchUps()).toEqual([['r1', 2]]);
    expect(shown()).toEqual(['one', 'two', 'three', 'four']);
    await wait(10_000);
    expect(catchUps()).toHaveLength(1);
  });

  it('does not ask the server when the hole is filled by a change arriving out of order', async () => {
    const { raise, catchUps } = await renderRoom(() => ({ messages: [], changeSeq: 4, hasMore: false }));
    raise(HubEvents.MessageCreated, message(4, 'four'));
    await wait(300);
    raise(HubEvents.MessageCreated, message(3, 'three'));
    await wait(10_000);
    expect(catchUps()).toEqual([]);
    expect(shown()).toEqual(['one', 'two', 'three', 'four']);
  });

  it('re-joins after a reconnect from the last change applied without a hole', async () => {
    const { raise, dropAndReconnect, invocations } = await renderRoom(
      () => ({ messages: [], changeSeq: 5, hasMore: false }),
      (after) => ({ messages: after === 3 ? [message(4, 'four'), message(5, 'five')] : [], changeSeq: 5, hasMore: false }),
    );
    raise(HubEvents.MessageCreated, message(3, 'three'));
    raise(HubEvents.MessageCreated, message(5, 'five'));
    invocations.length = 0;

    dropAndReconnect();
    await wait(0);
    expect(invocations[0]).toEqual({ method: 'JoinRoom', args: ['r1', 3] });
    expect(shown()).toEqual(['one', 'two', 'three', 'four', 'five']);
    await wait(10_000);
    expect(invocations.filter((i) => i.method === 'CatchUp')).toEqual([]);
  });
});
