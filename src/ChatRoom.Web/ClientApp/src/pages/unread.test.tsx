import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { unreadText } from '../api/unread.ts';
import { blocksApi, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, conversation, cy, joinResult, message } from '../test/fixtures.ts';
import { renderWithProviders } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { ConversationsPage } from './ConversationsPage.tsx';
import { RoomPage } from './RoomPage.tsx';

beforeEach(() => {
  blocksApi();
});

describe('unread counts', () => {
  it('shows each conversation’s unread messages in words, updated when a marker moves on another device', async () => {
    mockApi({
      'GET /api/conversations': () => Response.json([conversation('c1', [bob]), conversation('c2', [cy])]),
      'GET /api/me/unread': () => Response.json([{ roomId: 'c1', lastReadSeq: 4, unread: 3 }, { roomId: 'c2', lastReadSeq: 0, unread: 100 }]),
    });
    const session = await signedIn('User');
    const fake = fakeConnection(session);
    renderWithProviders(<ConversationsPage />, { session, connection: fake.connection, path: '/conversations' });

    const list = await screen.findByRole('list', { name: 'Conversations' });
    const [first, second] = await waitFor(() => {
      const items = within(list).getAllByRole('listitem');
      expect(items[0]?.textContent).toContain('3 unread');
      return items;
    });
    expect(second?.textContent).toContain('99+ unread');

    fake.raise('ReadMarkerMoved', { roomId: 'c1', lastReadSeq: 7, unread: 0 });
    await waitFor(() => {
      expect(first?.textContent).not.toContain('unread');
    });
  });

  it('marks the room read up to the newest message shown while it is open', async () => {
    const api = mockApi({ 'PUT /api/rooms/:roomId/read': () => Response.json({ roomId: 'r1', lastReadSeq: 2, unread: 0 }) });
    const session = await signedIn('User');
    const join = joinResult({ messages: [message(1, 'one'), message(2, 'two')], changeSeq: 2 });
    const fake = fakeConnection(session, (method) => Promise.resolve(method === 'JoinRoom' ? join : undefined));
    renderWithProviders(<RoomPage roomId="r1" />, { session, connection: fake.connection, path: '/rooms/r1' });
    await within(screen.getByRole('log')).findByText('two');

    await waitFor(() => {
      expect(api.bodiesTo('/api/rooms/r1/read')).toEqual([{ seq: 2 }]);
    });
    fake.raise('MessageCreated', message(3, 'three'));
    await waitFor(() => {
      expect(api.bodiesTo('/api/rooms/r1/read')).toEqual([{ seq: 2 }, { seq: 3 }]);
    });
  });

  it('counts past 99 as "99+" (the server stops at 100)', () => {
    expect([unreadText(5), unreadText(99), unreadText(100)]).toEqual(['5', '99', '99+']);
  });
});
