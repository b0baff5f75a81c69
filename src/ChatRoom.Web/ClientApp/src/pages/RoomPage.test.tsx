import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JoinRoomResult } from '../realtime/contracts.ts';
import { HubEvents } from '../realtime/hubEvents.ts';
import { blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fakeConnection, hubException, type Invoke } from '../test/fakeHub.ts';
import { bob, boss, joinResult as joined, me, message, roomInfo } from '../test/fixtures.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { RoomPage } from './RoomPage.tsx';

// Every chat view (and the profile) reads the people the member blocked; none unless a test says otherwise.
beforeEach(() => {
  blocksApi();
});

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

  it('tells a member without a verified phone why they cannot write in a room that requires one', async () => {
    await renderRoom((method) =>
      Promise.resolve(method === 'JoinRoom' ? joined({ room: { ...roomInfo, requiresVerifiedPhone: true } }) : undefined),
    );

    expect(screen.getByRole('link', { name: 'Verify your phone number' }).getAttribute('href')).toBe('/profile');
    const form = screen.getByLabelText('Message').closest('form') as HTMLElement;
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true);
  });

  it('marks the messages of members with a verified phone', async () => {
    await renderRoom((method) =>
      Promise.resolve(
        method === 'JoinRoom'
          ? joined({ messages: [message(1, 'hi', { ...bob, phoneVerified: true }), message(2, 'hello', boss)], changeSeq: 2 })
          : undefined,
      ),
    );

    const log = screen.getByRole('log');
    const marked = within(log).getByRole('img', { name: 'verified phone' }).closest('li') as HTMLElement;
    expect(within(marked).getByText('hi')).toBeTruthy();
    expect(within(log).getAllByRole('img', { name: 'verified phone' })).toHaveLength(1);
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

/** The room joined with `join`, the Api answering `routes`. */
async function renderJoined(join: JoinRoomResult, routes: Record<string, Handler>) {
  const api = mockApi(routes);
  const fake = await renderRoom((method) => Promise.resolve(method === 'JoinRoom' ? join : undefined));
  return { ...fake, api };
}

const HISTORY = ['forty-eight', 'forty-nine', 'fifty', 'fifty-one', 'fifty-two', 'fifty-three'];
/** The messages of HISTORY in the log, in the order shown. */
const shown = () =>
  within(screen.getByRole('log'))
    .getAllByRole('listitem')
    .map((item) => HISTORY.find((text) => within(item).queryByText(text)));

describe('RoomPage history', () => {
  it('loads older messages a page at a time, in order with the live ones, until there are no more', async () => {
    const pages: Record<string, object> = {
      '51': { messages: [message(49, 'forty-nine'), message(50, 'fifty')], hasMore: true },
      '49': { messages: [message(48, 'forty-eight')], hasMore: false },
    };
    const { api, raise } = await renderJoined(
      joined({ messages: [message(51, 'fifty-one'), message(52, 'fifty-two')], changeSeq: 52, hasMore: true }),
      { 'GET /api/rooms/r1/messages': ({ url }) => Response.json(pages[url.searchParams.get('before') ?? '']) },
    );
    raise(HubEvents.MessageCreated, message(53, 'fifty-three'));

    await user.click(screen.getByRole('button', { name: 'Load older messages' }));
    await within(screen.getByRole('log')).findByText('fifty');
    await user.click(screen.getByRole('button', { name: 'Load older messages' }));
    await within(screen.getByRole('log')).findByText('forty-eight');

    expect(shown()).toEqual(HISTORY);
    expect(screen.queryByRole('button', { name: 'Load older messages' })).toBeNull();
    expect(api.urls()).toEqual(['/api/rooms/r1/messages?before=51&limit=50', '/api/rooms/r1/messages?before=49&limit=50']);
  });

  it('says why older messages could not be loaded, and loads them when asked again', async () => {
    let calls = 0;
    const { api } = await renderJoined(joined({ messages: [message(51, 'fifty-one')], changeSeq: 51, hasMore: true }), {
      'GET /api/rooms/r1/messages': () =>
        ++calls === 1
          ? problem(503, { detail: 'The server is busy.' })
          : Response.json({ messages: [message(50, 'fifty')], hasMore: false }),
    });

    await user.click(screen.getByRole('button', { name: 'Load older messages' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The server is busy.');
    await user.click(screen.getByRole('button', { name: 'Load older messages' }));

    await within(screen.getByRole('log')).findByText('fifty');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(shown()).toEqual(['fifty', 'fifty-one']);
    expect(api.urls()).toEqual(['/api/rooms/r1/messages?before=51&limit=50', '/api/rooms/r1/messages?before=51&limit=50']);
  });
  it('starts the history afresh when the room is joined again', async () => {
    const join = joined({ messages: [message(51, 'fifty-one')], changeSeq: 51, hasMore: true });
    const api = mockApi({
      'GET /api/rooms/r1/messages': ({ url }) =>
        Response.json(
          url.searchParams.get('before') === '51'
            ? { messages: [message(50, 'fifty')], hasMore: true }
            : { messages: [message(49, 'forty-nine')], hasMore: false },
        ),
    });
    const { invocations } = await renderRoom((method) =>
      method === 'JoinRoom'
        ? Promise.resolve(join)
        : Promise.reject(hubException(method, 'chat.not_joined', 'You are not in this room.')),
    );
    await user.click(screen.getByRole('button', { name: 'Load older messages' }));
    await within(screen.getByRole('log')).findByText('fifty');

    // The server lost this connection's membership: the page joins again and shows the latest page.
    await user.type(screen.getByLabelText('Message'), 'hello?{Enter}');
    await waitFor(() => {
      expect(invocations.filter((i) => i.method === 'JoinRoom')).toHaveLength(2);
    });
    await waitFor(() => {
      expect(within(screen.getByRole('log')).queryByText('fifty')).toBeNull();
    });

    await user.click(screen.getByRole('button', { name: 'Load older messages' }));
    await within(screen.getByRole('log')).findByText('fifty');
    expect(api.urls()).toEqual(['/api/rooms/r1/messages?before=51&limit=50', '/api/rooms/r1/messages?before=51&limit=50']);
  });
});

describe('RoomPage own messages', () => {
  const mine = message(1, 'first words', me);
  const item = () => within(screen.getByRole('log')).getByRole('listitem');

  it('edits a message in place, keeping the editor and the refusal when the server says no', async () => {
    let calls = 0;
    const { api } = await renderJoined(joined({ messages: [mine], changeSeq: 1 }), {
      'PUT /api/messages/m1': () =>
        ++calls === 1
          ? problem(403, { detail: 'You can no longer edit this message.' })
          : Response.json(message(1, 'better words', me, { changeSeq: 2, editedAt: '2025-01-01T10:02:00Z' })),
    });

    await user.click(within(item()).getByRole('button', { name: /^Edit your message/ }));
    const editor = within(item()).getByRole('textbox', { name: 'Edit message' });
    await fill(editor, 'better words');
    await user.type(editor, '{Enter}');
    expect((await within(item()).findByRole('alert')).textContent).toBe('You can no longer edit this message.');
    expect(within(item()).getByRole<HTMLTextAreaElement>('textbox', { name: 'Edit message' }).value).toBe('better words');

    await user.click(within(item()).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(within(item()).queryByRole('textbox')).toBeNull();
    });
    expect(within(item()).getByText('better words')).toBeTruthy();
    expect(within(item()).getByText('(edited)')).toBeTruthy();
    expect(within(item()).queryByRole('alert')).toBeNull();
    expect(api.bodiesTo('/api/messages/m1')).toEqual([{ content: 'better words' }, { content: 'better words' }]);
  });

  it('keeps a message the server would not delete and says why; deletes it on a second try', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    let calls = 0;
    await renderJoined(joined({ messages: [mine], changeSeq: 1 }), {
      'DELETE /api/messages/m1': () =>
        ++calls === 1 ? problem(503, { detail: 'The server is busy.' }) : new Response(null, { status: 204 }),
    });

    await user.click(within(item()).getByRole('button', { name: /^Delete your message/ }));
    expect((await within(item()).findByRole('alert')).textContent).toBe('The server is busy.');
    expect(within(item()).getByText('first words')).toBeTruthy();

    await user.click(within(item()).getByRole('button', { name: /^Delete your message/ }));
    await waitFor(() => {
      expect(within(screen.getByRole('log')).queryByText('first words')).toBeNull();
    });
  });
});
