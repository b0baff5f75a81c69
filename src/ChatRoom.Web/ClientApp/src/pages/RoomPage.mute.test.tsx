import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { blocksApi, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, conversation, conversationInfo, joinResult, me } from '../test/fixtures.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { RoomPage } from './RoomPage.tsx';

beforeEach(() => {
  blocksApi();
});

/** The Api's mutes as it keeps them: PUT adds the room, DELETE takes it out. */
function mutesApi(initial: string[]) {
  let mutes = [...initial];
  return mockApi({
    'GET /api/me/mutes': () => Response.json(mutes),
    'PUT /api/rooms/:roomId/mute': ({ path }) => {
      mutes = [...mutes, path.split('/')[3] ?? ''];
      return new Response(null, { status: 204 });
    },
    'DELETE /api/rooms/:roomId/mute': ({ path }) => {
      mutes = mutes.filter((id) => id !== path.split('/')[3]);
      return new Response(null, { status: 204 });
    },
  });
}

describe('muting notifications', () => {
  it('mutes and unmutes a room from its header', async () => {
    const api = mutesApi([]);
    const session = await signedIn('User');
    const fake = fakeConnection(session, (method) => Promise.resolve(method === 'JoinRoom' ? joinResult() : undefined));
    renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });

    const header = (await screen.findByRole('heading', { level: 1, name: 'English' })).closest('header') as HTMLElement;
    await user.click(await within(header).findByRole('button', { name: 'Mute notifications' }));
    await user.click(await within(header).findByRole('button', { name: 'Unmute notifications' }));
    await within(header).findByRole('button', { name: 'Mute notifications' });

    expect(api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /api/rooms/r1/mute',
      'DELETE /api/rooms/r1/mute',
    ]);
  });

  it('shows a muted conversation as muted', async () => {
    mutesApi(['c1']);
    mockApi({ 'GET /api/conversations/c1': () => Response.json(conversation('c1', [bob])) });
    const session = await signedIn('User');
    const join = joinResult({ room: conversationInfo('c1'), online: [me, bob] });
    const fake = fakeConnection(session, (method) => Promise.resolve(method === 'JoinRoom' ? join : undefined));
    renderWithProviders(<RoomPage roomId="c1" conversation />, { session, connection: fake.connection, path: '/conversations/c1' });

    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Unmute notifications' })).toBeTruthy();
    });
  });
});
