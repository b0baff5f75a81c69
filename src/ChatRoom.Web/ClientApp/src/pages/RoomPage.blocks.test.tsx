import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../api/queryKeys.ts';
import type { UserSummary } from '../realtime/contracts.ts';
import { HubEvents } from '../realtime/hubEvents.ts';
import { blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, cy, joinResult, me, message } from '../test/fixtures.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { RoomPage } from './RoomPage.tsx';

/** Room r1 with messages by Bob, Cy and the signed-in user; the member has blocked `blocked`. */
async function renderRoom(blocked: UserSummary[] = [], routes: Record<string, Handler> = {}) {
  const api = blocksApi(blocked, [bob, cy]);
  mockApi(routes);
  const session = await signedIn('User');
  const join = joinResult({
    online: [me, bob, cy],
    messages: [message(1, 'first from bob', bob), message(2, 'hello from cy', cy), message(3, 'mine', me)],
    changeSeq: 3,
  });
  const fake = fakeConnection(session, (method) => Promise.resolve(method === 'JoinRoom' ? join : undefined));
  const { queryClient } = renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
  await screen.findByRole('heading', { name: 'English' });
  return { ...fake, api, queryClient };
}

const log = () => screen.getByRole('log', { name: 'Messages' });
const online = () => screen.getByRole('complementary', { name: 'Online' });

describe('blocking someone in the chat', () => {
  it('asks first, then blocks, hides their messages and offers to unblock', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    const { api } = await renderRoom();
    await within(log()).findByText('first from bob');

    await user.click(within(online()).getByRole('button', { name: 'Block Bob' }));
    expect(api.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(within(log()).getByText('first from bob')).toBeTruthy();

    await user.click(within(online()).getByRole('button', { name: 'Block Bob' }));
    expect(confirm).toHaveBeenLastCalledWith(
      'Block Bob? Their messages will be hidden from you, and neither of you can send the other direct messages.',
    );
    expect(await within(log()).findByText('Message from a blocked person')).toBeTruthy();
    expect(within(log()).queryByText('first from bob')).toBeNull();
    expect(within(log()).getByText('hello from cy')).toBeTruthy();
    expect(screen.getByText('You blocked Bob: their messages are hidden.')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/api/me/blocks/id-bob']);
    // Someone you blocked is not offered a conversation.
    expect(within(online()).queryByRole('button', { name: 'Message Bob' })).toBeNull();

    await user.click(within(online()).getByRole('button', { name: 'Unblock Bob' }));

    expect(await within(log()).findByText('first from bob')).toBeTruthy();
    expect(within(log()).queryByText('Message from a blocked person')).toBeNull();
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/me/blocks/id-bob']);
    expect(confirm).toHaveBeenCalledTimes(2);
  });

  it('hides the messages of people blocked before, live ones too, and shows one on request from the keyboard', async () => {
    const { raise } = await renderRoom([bob]);
    await within(log()).findByText('Message from a blocked person');
    expect(within(log()).queryByText('first from bob')).toBeNull();
    raise(HubEvents.MessageCreated, message(4, 'bob again', bob));
    expect(within(log()).getAllByText('Message from a blocked person')).toHaveLength(2);
    expect(within(log()).queryByText('bob again')).toBeNull();

    const [show] = within(log()).getAllByRole('button', { name: 'Show' });
    expect(show?.getAttribute('aria-expanded')).toBe('false');
    show?.focus();
    await user.keyboard('{Enter}');

    const item = within(log()).getByText('first from bob').closest('li') as HTMLElement;
    const hide = within(item).getByRole('button', { name: 'Hide' });
    expect(hide.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(hide);
    expect(within(item).getByRole('button', { name: 'Unblock Bob' })).toBeTruthy();
    expect(within(log()).queryByText('bob again')).toBeNull();

    await user.keyboard(' ');
    expect(within(log()).queryByText('first from bob')).toBeNull();
  });

  it('hides nothing when the list of blocks cannot be read', async () => {
    const { queryClient } = await renderRoom([bob], { 'GET /api/me/blocks': () => problem(503, { detail: 'The server is busy.' }) });
    await waitFor(() => {
      expect(queryClient.getQueryState(queryKeys.blocks)?.status).toBe('error');
    });

    expect(within(log()).getByText('first from bob')).toBeTruthy();
    expect(within(log()).queryByText('Message from a blocked person')).toBeNull();
  });
});
