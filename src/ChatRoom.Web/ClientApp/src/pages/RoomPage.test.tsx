import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HubEvents } from '../realtime/hubEvents.ts';
import { signedIn } from '../test/fakeApi.ts';
import { fakeConnection, hubException, type Invoke } from '../test/fakeHub.ts';
import { bob, joinResult as joined, message } from '../test/fixtures.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { RoomPage } from './RoomPage.tsx';

const joinResult = joined({ messages: [message(1, 'hello <b>there</b>')], changeSeq: 1 });

async function renderRoom(invoke: Invoke) {
  const session = await signedIn('User');
  const fake = fakeConnection(session, invoke);
  renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  await screen.findByRole('heading', { name: 'English' });
  return fake;
}

describe('RoomPage', () => {
  it('shows the room, its messages as text, the online list and who is typing', async () => {
    const { raise } = await renderRoom((method) =>
      Promise.resolve(method === 'JoinRoom' ? joinResult : undefined),
    );
    const log = screen.getByRole('log');
    expect(within(log).getByText('hello <b>there</b>')).toBeTruthy();
    expect(log.querySelector('b')).toBeNull();
    expect(within(screen.getByRole('complementary', { name: 'Online' })).getByText('Bob')).toBeTruthy();

    raise(HubEvents.MessageCreated, message(2, 'second'));
    expect(within(log).getByText('second')).toBeTruthy();
    raise(HubEvents.Typing, { roomId: 'r1', user: bob, isTyping: true });
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
    await fill(box, 'my words');
    await user.type(box, '{Enter}');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not sent: Your message is too long.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));

    // Confirmed by the ack: no longer pending, and it is ours to edit.
    const edit = await within(screen.getByRole('log')).findByRole('button', { name: /^Edit/ });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('Sending…')).toBeNull();
    expect(sends).toHaveLength(2);
    expect(sends[1]).toEqual(sends[0]);
    const mine = edit.closest('li') as HTMLElement;
    expect(within(mine).getByText('my words')).toBeTruthy();
    expect(within(mine).getByText('User Person')).toBeTruthy();
  });
});

describe('RoomPage and the server’s error codes', () => {
  it('makes the composer read only when the room is archived', async () => {
    await renderRoom((method) =>
      method === 'JoinRoom'
        ? Promise.resolve(joinResult)
        : Promise.reject(hubException(method, 'room.archived', 'This room is archived.')),
    );
    const box = screen.getByLabelText('Message');
    await user.type(box, 'anyone here?{Enter}');

    const form = box.closest('form') as HTMLElement;
    expect((await within(form).findByRole('status')).textContent).toBe('This room is archived.');
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true);
  });

  it('offers no retry when the room does not exist', async () => {
    const session = await signedIn('User');
    const fake = fakeConnection(session, () => Promise.reject(hubException('JoinRoom', 'room.not_found', 'There is no such room.')));
    renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not join the room: There is no such room.');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(within(alert).getByRole('link', { name: 'Back to the lounges' })).toBeTruthy();
  });

  it('shows the wait of a rate-limited send', async () => {
    await renderRoom((method) =>
      method === 'JoinRoom'
        ? Promise.resolve(joinResult)
        : Promise.reject(hubException(method, 'chat.rate_limited', 'You are sending messages too fast. Try again in 4 s.', 4)),
    );
    await user.type(screen.getByLabelText('Message'), 'one more{Enter}');

    expect((await screen.findByRole('alert')).textContent).toContain('Not sent: You are sending messages too fast. Try again in 4 s.');
  });
});
