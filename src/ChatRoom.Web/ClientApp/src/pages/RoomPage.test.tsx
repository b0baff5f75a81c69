import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatConnectionContext } from '../realtime/ChatConnectionContext.tsx';
import { ChatConnection, HubEvents } from '../realtime/connection.ts';
import type { HubLike } from '../realtime/signalRHub.ts';
import type { JoinRoomResult, MessageDto } from '../realtime/contracts.ts';
import { SessionProvider } from '../session/SessionContext.tsx';
import { signedIn } from '../test/fakeApi.ts';
import { hubException } from '../test/fakeHub.ts';
import { RoomPage } from './RoomPage.tsx';

afterEach(cleanup);

const bob = { id: 'id-bob', userName: 'bob', displayName: null, avatarUrl: null };
const me = { id: 'id-user', userName: 'user', displayName: 'User Person', avatarUrl: null };

function message(seq: number, content: string, author = bob, clientMessageId = `c${String(seq)}`): MessageDto {
  return {
    id: `m${String(seq)}`,
    roomId: 'r1',
    seq,
    changeSeq: seq,
    author,
    content,
    status: 'Approved',
    clientMessageId,
    createdAt: '2025-01-01T10:00:00Z',
    editedAt: null,
    deleted: false,
  };
}

const joinResult: JoinRoomResult = {
  room: {
    id: 'r1',
    loungeId: 'l1',
    slug: 'en',
    name: 'English',
    languageCode: 'en',
    topic: 'Say hi',
    moderationMode: 'Post',
    slowModeSeconds: 0,
    guestsCanWrite: true,
  },
  online: [bob],
  messages: [message(1, 'hello <b>there</b>')],
  changeSeq: 1,
  hasMore: false,
};

async function renderRoom(invoke: (method: string, args: unknown[]) => Promise<unknown>) {
  const handlers = new Map<string, (payload: unknown) => void>();
  const hub: HubLike = {
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    on: (name, handler) => handlers.set(name, handler),
    invoke: <T,>(method: string, ...args: unknown[]) => invoke(method, args) as Promise<T>,
    send: () => Promise.resolve(),
    onreconnecting: () => undefined,
    onreconnected: () => undefined,
    onclose: () => undefined,
  };
  const session = await signedIn('User');
  const connection = new ChatConnection({ session, createHub: () => hub, heartbeatMs: 60_000 });
  render(
    <SessionProvider session={session}>
      <ChatConnectionContext value={connection}>
        <RoomPage roomId="r1" />
      </ChatConnectionContext>
    </SessionProvider>,
  );
  await screen.findByRole('heading', { name: 'English' });
  return {
    raise: (name: string, payload: unknown) => {
      act(() => handlers.get(name)?.(payload));
    },
  };
}

describe('RoomPage', () => {
  it('shows the room, its messages as text, the online list and who is typing', async () => {
    const { raise } = await renderRoom((method) =>
      Promise.resolve(method === 'JoinRoom' ? joinResult : undefined),
    );
    const log = screen.getByRole('log');
    expect(within(log).getByText('hello <b>there</b>')).toBeTruthy();
    expect(log.querySelector('b')).toBeNull();
    expect(within(screen.getByRole('complementary', { name: 'Online' })).getByText('bob')).toBeTruthy();

    raise(HubEvents.MessageCreated, message(2, 'second'));
    expect(within(log).getByText('second')).toBeTruthy();
    raise(HubEvents.Typing, { roomId: 'r1', user: { ...bob, displayName: 'Bob' }, isTyping: true });
    expect(screen.getByText('Bob is typing…')).toBeTruthy();
  });

  it('shows a send as sending…, a failure with Retry, and retries with the same clientMessageId', async () => {
    const sends: unknown[][] = [];
    let fail = true;
    await renderRoom((method, args) => {
      if (method === 'JoinRoom') return Promise.resolve(joinResult);
      if (method !== 'SendMessage') return Promise.resolve(undefined);
      sends.push(args);
      if (fail) {
        fail = false;
        return Promise.reject(hubException('SendMessage', 'chat.too_long', 'Your message is too long.'));
      }
      return Promise.resolve({ id: 'm2', seq: 2, changeSeq: 2, createdAt: '2025-01-01T10:01:00Z' });
    });

    const box = screen.getByLabelText('Message');
    fireEvent.change(box, { target: { value: 'my words' } });
    fireEvent.keyDown(box, { key: 'Enter' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not sent: Your message is too long.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    // Confirmed by the ack: no longer pending, and it is ours to edit.
    const edit = await within(screen.getByRole('log')).findByRole('button', { name: /^Edit/ });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('Sending…')).toBeNull();
    expect(sends).toHaveLength(2);
    expect(sends[1]).toEqual(sends[0]);
    const mine = edit.closest('li') as HTMLElement;
    expect(within(mine).getByText('my words')).toBeTruthy();
    expect(within(mine).getByText(me.displayName)).toBeTruthy();
  });
});
