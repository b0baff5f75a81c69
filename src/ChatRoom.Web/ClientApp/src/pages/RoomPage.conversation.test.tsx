import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../api/session.ts';
import type { JoinRoomResult, UserSummary } from '../realtime/contracts.ts';
import { account, blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fakeConnection, hubException, type Invoke } from '../test/fakeHub.ts';
import { bob, conversation, conversationInfo, cy, dee, guest, joinResult, me, message } from '../test/fixtures.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { RoomPage } from './RoomPage.tsx';

beforeEach(() => {
  blocksApi();
});

/** Conversation c1 with `others`, opened at /conversations/c1; the hub answers the join and then `invoke`. */
async function renderConversation(others: UserSummary[], routes: Record<string, Handler> = {}, invoke?: Invoke) {
  const join = joinResult({
    room: conversationInfo('c1'),
    online: [me, ...others],
    messages: [message(1, 'hi there', bob, { roomId: 'c1' })],
    changeSeq: 1,
  });
  const api = mockApi({ 'GET /api/conversations/c1': () => Response.json(conversation('c1', others)), ...routes });
  const session = await signedIn('User');
  const fake = fakeConnection(session, (method, args) =>
    method === 'JoinRoom' ? Promise.resolve(join) : (invoke?.(method, args) ?? Promise.resolve(undefined)),
  );
  const rendered = renderWithProviders(<RoomPage roomId="c1" conversation />, { session, connection: fake.connection, path: '/conversations/c1' });
  await within(screen.getByRole('log')).findByText('hi there');
  return { ...fake, ...rendered, api };
}

describe('a conversation', () => {
  it('is headed by the other member, without the rooms’ language, topic or rules, and cannot be left', async () => {
    await renderConversation([bob]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Bob' })).toBeTruthy();
    expect(screen.queryByTitle('Language')).toBeNull();
    expect(screen.queryByText('und')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Leave conversation' })).toBeNull();
    // Already in it: no "Message Bob" here, but blocking is.
    expect(screen.queryByRole('button', { name: 'Message Bob' })).toBeNull();
    expect(within(screen.getByRole('log')).getByRole('button', { name: 'Block Bob' })).toBeTruthy();
  });

  it('names a group’s members and leaves it after confirming', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    const { api, location } = await renderConversation([bob, cy, dee], {
      'DELETE /api/conversations/c1/members/me': () => new Response(null, { status: 204 }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Bob, Cy and dee' })).toBeTruthy();
    expect(screen.getByText('Group')).toBeTruthy();
    // In a group, writing to one of them alone is a conversation of its own.
    expect(within(screen.getByRole('log')).getByRole('button', { name: 'Message Bob' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Leave conversation' }));
    expect(api.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Leave conversation' }));

    expect(confirm).toHaveBeenLastCalledWith('Leave this conversation? You will no longer see its messages.');
    await waitFor(() => {
      expect(location()).toBe('/conversations');
    });
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/conversations/c1/members/me']);
  });

  it('says plainly that nothing can be sent when one of the two has blocked the other', async () => {
    const { invocations } = await renderConversation([bob], {}, (method) =>
      method === 'SendMessage'
        ? Promise.reject(hubException('SendMessage', 'conversation.blocked', 'One of you has blocked the other: no messages can be sent in this conversation.'))
        : Promise.resolve(undefined),
    );

    await user.type(screen.getByLabelText('Message'), 'are you there?{Enter}');

    const form = screen.getByLabelText('Message').closest('form') as HTMLElement;
    expect((await within(form).findByRole('status')).textContent).toBe(
      'You cannot send messages in this conversation: one of you has blocked the other.',
    );
    expect(invocations.filter((i) => i.method === 'SendMessage')[0]?.args.slice(0, 2)).toEqual(['c1', 'are you there?']);
  });

  it('says the conversation could not be opened, with the way back to the messages', async () => {
    mockApi({ 'GET /api/conversations/c1': () => problem(404, { code: 'conversation.not_found', detail: 'There is no conversation c1 of yours.' }) });
    const session = await signedIn('User');
    const fake = fakeConnection(session, () => Promise.reject(hubException('JoinRoom', 'room.not_found', 'There is no open room c1.')));
    renderWithProviders(<RoomPage roomId="c1" conversation />, { session, connection: fake.connection, path: '/conversations/c1' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not open the conversation: There is no open room c1.');
    expect(within(alert).getByRole('link', { name: 'Back to your messages' }).getAttribute('href')).toBe('/conversations');
    expect(screen.getByRole('heading', { level: 1, name: 'Conversation' })).toBeTruthy();
  });
});

/** Room r1 (of a lounge) with Bob, a guest and the signed-in `role` in it. */
async function renderRoom(role: Role, routes: Record<string, Handler> = {}) {
  const api = mockApi(routes);
  const session = await signedIn(role, 'token-1', role === 'User' ? account('User') : account(role));
  const self: UserSummary = { ...me, id: `id-${role.toLowerCase()}`, role };
  const join: JoinRoomResult = joinResult({
    online: [self, bob, guest],
    messages: [message(1, 'from bob', bob), message(2, 'from gus', guest), message(3, 'from me', self)],
    changeSeq: 3,
  });
  const fake = fakeConnection(session, (method) => Promise.resolve(method === 'JoinRoom' ? join : undefined));
  const rendered = renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  await screen.findByRole('heading', { name: 'English' });
  return { ...rendered, api };
}

function messageItem(text: string) {
  return within(screen.getByRole('log')).getByText(text).closest('li') as HTMLElement;
}

describe('"Message NAME" in a room', () => {
  it('starts a conversation with the author and opens it', async () => {
    const { api, location } = await renderRoom('User', {
      'POST /api/conversations': () => Response.json(conversation('c7', [bob]), { status: 200 }),
    });

    await user.click(within(messageItem('from bob')).getByRole('button', { name: 'Message Bob' }));

    await waitFor(() => {
      expect(location()).toBe('/conversations/c7');
    });
    expect(api.bodiesTo('/api/conversations')).toEqual([{ memberIds: ['id-bob'] }]);
  });

  it('is offered from the online list, never for yourself or a guest', async () => {
    await renderRoom('User');

    const online = screen.getByRole('complementary', { name: 'Online' });
    expect(within(online).getByRole('button', { name: 'Message Bob' })).toBeTruthy();
    expect(within(online).queryByRole('button', { name: 'Message Gus' })).toBeNull();
    expect(within(online).getByRole('button', { name: 'Block Gus' })).toBeTruthy();
    expect(within(messageItem('from gus')).queryByRole('button', { name: /^Message/ })).toBeNull();
    expect(within(messageItem('from me')).queryByRole('button', { name: /^(Message|Block)/ })).toBeNull();
    expect(within(online).queryByRole('button', { name: 'Message User Person' })).toBeNull();
  });

  it('is not offered to a guest', async () => {
    await renderRoom('Guest');

    expect(screen.queryByRole('button', { name: /^Message / })).toBeNull();
    expect(within(messageItem('from bob')).getByRole('button', { name: 'Block Bob' })).toBeTruthy();
  });

  it('says why when the conversation cannot be started', async () => {
    const { location } = await renderRoom('User', {
      'POST /api/conversations': () =>
        problem(403, { code: 'conversation.blocked', detail: 'You cannot start a conversation with someone you blocked or who blocked you.' }),
    });

    await user.click(within(messageItem('from bob')).getByRole('button', { name: 'Message Bob' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not start a conversation with Bob: You cannot start a conversation with someone you blocked or who blocked you.',
    );
    expect(location()).toBe('/rooms/r1');
  });
});
