import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lounge } from '../api/lounges.ts';
import type { NotificationDto } from '../realtime/contracts.ts';
import { blocksApi, signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { bob, message } from '../test/fixtures.ts';
import { renderApp, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';

const lounges: Lounge[] = [
  { id: 'a1', name: 'Main', slug: 'main', description: null, adultsOnly: false, rooms: [{ id: 'r1', name: 'English', slug: 'en', languageCode: 'en', topic: null, adultsOnly: false }] },
];

function notification(id: string, overrides: Partial<NotificationDto> = {}): NotificationDto {
  return {
    id,
    kind: 'Mention',
    roomId: 'r1',
    message: message(1, '@user look at this', bob),
    text: null,
    createdAt: '2025-01-01T10:00:00Z',
    read: false,
    ...overrides,
  };
}

const mention = notification('n1');
const direct = notification('n2', { kind: 'DirectMessage', roomId: 'c1', message: message(2, 'psst', bob, { roomId: 'c1' }), read: true });
const notice = notification('n3', { kind: 'Moderation', roomId: null, message: null, text: 'A moderator sent you a warning.' });

/** The app signed in at `path`, the Api answering the notifications with `pages` (by cursor) and `unread`. */
async function renderAt(path: string, pages: Record<string, NotificationDto[]>, unread = 2) {
  const api = mockApi({
    'GET /api/lounges': () => Response.json(lounges),
    'GET /api/me/notifications': ({ url }) => {
      const cursor = url.searchParams.get('cursor') ?? '';
      const items = url.searchParams.get('limit') === '1' ? [] : (pages[cursor] ?? []);
      return Response.json({ items, nextCursor: cursor === '' && pages.next ? 'next' : null, unread });
    },
    'POST /api/me/notifications/:id/read': () => new Response(null, { status: 204 }),
    'POST /api/me/notifications/read': () => new Response(null, { status: 204 }),
  });
  const session = await signedIn('User');
  const fake = fakeConnection(session);
  renderApp({ session, connection: fake.connection, path });
  return { ...fake, api };
}

function stubNotification(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: { title: string; options: NotificationOptions | undefined; onclick: (() => void) | null }[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(() => {
      FakeNotification.permission = answer;
      return Promise.resolve(answer);
    });
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push(this as unknown as (typeof shown)[number]);
      Object.assign(this, { title, options });
    }
    close() {}
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { FakeNotification, shown };
}

afterEach(() => {
  Reflect.deleteProperty(document, 'visibilityState');
});

describe('notifications', () => {
  it('counts the unread ones in the header, live as they arrive', async () => {
    const { raise } = await renderAt('/notifications', { '': [mention] }, 2);

    const link = await screen.findByRole('link', { name: 'Notifications, 2 unread' });
    expect(link.getAttribute('href')).toBe('/notifications');
    raise('NotificationCreated', notification('n9'));

    expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toBeTruthy();
  });

  it('lists who, what and where, marks unread ones in words, and loads more', async () => {
    await renderAt('/notifications', { '': [mention, direct], next: [notice] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Notifications' });
    const mentionLink = await within(list).findByRole('link', { name: 'Bob mentioned you in English: @user look at this' });
    expect(mentionLink.getAttribute('href')).toBe('/rooms/r1');
    expect(within(list).getByRole('link', { name: 'Bob: psst' }).getAttribute('href')).toBe('/conversations/c1');
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Unread');
    expect(items[1]?.textContent).not.toContain('Unread');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByText('A moderator sent you a warning.')).toBeTruthy();
  });

  it('tells of a sale in its own words, leading to the purchases and sales', async () => {
    const sale = notification('n4', { kind: 'Marketplace', roomId: null, message: null, text: 'Sold: “Lamp”. The buyer’s payment is confirmed.' });
    await renderAt('/notifications', { '': [sale] });

    const link = await screen.findByRole('link', { name: 'Sold: “Lamp”. The buyer’s payment is confirmed.' });
    expect(link.getAttribute('href')).toBe('/marketplace/orders');
  });

  it('marks one read when it is opened, and all of them with one button', async () => {
    blocksApi(); // opening the mention opens its room
    const { api } = await renderAt('/notifications', { '': [mention, notice] });

    await user.click(await screen.findByRole('link', { name: /^Bob mentioned you/ }));
    await waitFor(() => {
      expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/me/notifications/n1/read']);
    });
    await user.click(screen.getByRole('link', { name: /^Notifications/ }));
    await user.click(await screen.findByRole('button', { name: 'Mark all as read' }));

    await waitFor(() => {
      expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
        '/api/me/notifications/n1/read',
        '/api/me/notifications/read',
      ]);
    });
  });

  it('asks for desktop notifications only when the button is pressed, then shows them while the tab is hidden', async () => {
    const { FakeNotification, shown } = stubNotification('default', 'granted');
    const { raise } = await renderAt('/notifications', { '': [] }, 0);

    const consent = await screen.findByRole('button', { name: 'Turn on desktop notifications' });
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    await user.click(consent);
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).toBeNull();
    });

    raise('NotificationCreated', notification('n5'));
    expect(shown).toEqual([]); // the tab is visible: the header's count says it
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    raise('NotificationCreated', notification('n6'));
    expect(shown.map((n) => [n.title, n.options?.body])).toEqual([['You were mentioned', 'Bob: @user look at this']]);
  });

  it('words a reply to one of the user’s messages, in the list and on the desktop', async () => {
    const { shown } = stubNotification('granted');
    const reply = notification('n7', { kind: 'Reply', message: message(3, 'I agree', bob, { replyCount: 0 }) });
    const { raise } = await renderAt('/notifications', { '': [reply] });

    const link = await screen.findByRole('link', { name: 'Bob replied to you in English: I agree' });
    expect(link.getAttribute('href')).toBe('/rooms/r1');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    raise('NotificationCreated', notification('n8', { kind: 'Reply', message: message(4, 'me too', bob) }));
    expect(shown.map((n) => [n.title, n.options?.body])).toEqual([['Bob replied to you', 'me too']]);
  });

  it('says so when desktop notifications are blocked', async () => {
    stubNotification('denied');
    await renderAt('/notifications', { '': [] }, 0);

    expect(await screen.findByText(/Desktop notifications are blocked for this site/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).toBeNull();
  });

  it('offers nothing in a browser without the Notification API', async () => {
    vi.stubGlobal('Notification', undefined);
    Reflect.deleteProperty(window, 'Notification');
    await renderAt('/notifications', { '': [mention] });

    expect(await screen.findByRole('link', { name: /^Bob mentioned you/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).toBeNull();
    expect(screen.queryByText(/Desktop notifications/)).toBeNull();
  });
});
