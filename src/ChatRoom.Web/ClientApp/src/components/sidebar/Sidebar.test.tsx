import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { blocksApi, signedIn } from '../../test/fakeApi.ts';
import { fakeConnection } from '../../test/fakeHub.ts';
import { bob, conversation, joinResult } from '../../test/fixtures.ts';
import { renderApp, user } from '../../test/render.tsx';
import { mockApi } from '../../test/server.ts';

const lounges = [
  {
    id: 'l1',
    slug: 'languages',
    name: 'Languages',
    description: null,
    adultsOnly: false,
    rooms: [
      { id: 'r1', slug: 'en', name: 'English', languageCode: 'en', topic: null, adultsOnly: false },
      { id: 'r2', slug: 'de', name: 'Deutsch', languageCode: 'de', topic: null, adultsOnly: false },
    ],
  },
];

beforeEach(() => {
  blocksApi();
  mockApi({
    'GET /api/lounges': () => Response.json(lounges),
    'GET /api/conversations': () => Response.json([conversation('c1', [bob])]),
    'GET /api/me/unread': () => Response.json([{ roomId: 'r2', lastReadSeq: 4, unread: 3 }, { roomId: 'c1', lastReadSeq: 0, unread: 120 }]),
  });
});

async function renderRoomOne() {
  const session = await signedIn('User');
  const { connection } = fakeConnection(session, (method) => Promise.resolve(method === 'JoinRoom' ? joinResult() : undefined));
  renderApp({ session, connection, path: '/rooms/r1' });
  await screen.findByRole('heading', { level: 1, name: 'English' });
  const sidebar = screen.getByRole('navigation', { name: 'Rooms and conversations' });
  await within(sidebar).findByRole('link', { name: /^Bob/ });
  return sidebar;
}

describe('the sidebar', () => {
  it('lists the rooms by lounge and the conversations, with unread counts in words and the current room marked', async () => {
    const sidebar = await renderRoomOne();

    expect(within(sidebar).getByRole('heading', { name: 'Languages' })).toBeTruthy();
    const english = within(sidebar).getByRole('link', { name: 'English' });
    expect(english.getAttribute('href')).toBe('/rooms/r1');
    expect(english.getAttribute('aria-current')).toBe('page');
    await waitFor(() => {
      expect(within(sidebar).getByRole('link', { name: 'Deutsch, 3 unread' }).getAttribute('aria-current')).toBeNull();
    });
    const bobLink = within(sidebar).getByRole('link', { name: 'Bob, 99+ unread' });
    expect(bobLink.getAttribute('href')).toBe('/conversations/c1');
    // The header's navigation keeps its own name: the browser tests tell the two apart.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('moves between its links with the arrow keys', async () => {
    const sidebar = await renderRoomOne();
    const links = within(sidebar).getAllByRole('link');
    links[0]?.focus();

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(links[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(links.at(-1));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(links.at(-2));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(links[0]);
  });

  it('opens as a drawer from "Rooms", takes focus, and gives it back when closed with Escape or its button', async () => {
    const sidebar = await renderRoomOne();
    const rooms = screen.getByRole('button', { name: 'Rooms' });
    expect(rooms.getAttribute('aria-expanded')).toBe('false');
    expect(rooms.getAttribute('aria-controls')).toBe(sidebar.id);

    await user.click(rooms);
    expect(rooms.getAttribute('aria-expanded')).toBe('true');
    expect(sidebar.getAttribute('data-open')).toBe('true');
    expect(document.activeElement).toBe(within(sidebar).getByRole('link', { name: 'English' }));

    await user.keyboard('{Escape}');
    expect(rooms.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(rooms);

    await user.click(rooms);
    await user.click(within(sidebar).getByRole('button', { name: 'Close rooms' }));
    expect(rooms.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(rooms);
  });

  it('closes the drawer when a room is chosen, the new page taking focus', async () => {
    const sidebar = await renderRoomOne();
    const rooms = screen.getByRole('button', { name: 'Rooms' });
    await user.click(rooms);

    await user.click(within(sidebar).getByRole('link', { name: 'Deutsch, 3 unread' }));
    expect(rooms.getAttribute('aria-expanded')).toBe('false');
    expect(window.location.pathname).toBe('/rooms/r2');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    });
  });

  it('has no direct messages for a guest', async () => {
    const session = await signedIn('Guest');
    renderApp({ session, path: '/' });
    const sidebar = screen.getByRole('navigation', { name: 'Rooms and conversations' });
    await within(sidebar).findByRole('link', { name: 'English' });
    expect(within(sidebar).queryByRole('heading', { name: 'Direct messages' })).toBeNull();
  });
});
