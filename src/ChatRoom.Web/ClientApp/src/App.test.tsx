import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IdentityStatus } from './api/identity.ts';
import { Session } from './api/session.ts';
import { HubEvents } from './realtime/hubEvents.ts';
import { account, signedIn } from './test/fakeApi.ts';
import { fakeConnection } from './test/fakeHub.ts';
import { roomInfo } from './test/fixtures.ts';
import { renderApp, user } from './test/render.tsx';
import { mockApi } from './test/server.ts';

beforeEach(() => {
  mockApi({
    'GET /api/lounges': () => Response.json([]),
    'GET /api/users': () => Response.json({ items: [], nextCursor: null }),
    'GET /api/admin/reports': () => Response.json({ items: [], nextCursor: null }),
    'GET /api/admin/lounges': () => Response.json([]),
    'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    'GET /api/me/blocks': () => Response.json([]),
    'GET /api/conversations': () => Response.json([]),
    'GET /api/me/verification': () => Response.json({ status: 'None', ageVerified: false, submittedAt: null, reviewedAt: null, reason: null }),
  });
});

function mainNav() {
  return screen.getByRole('navigation', { name: 'Main' });
}

describe('navigation', () => {
  it('shows the admin pages only to admins', async () => {
    renderApp({ session: await signedIn('Moderator') });

    const nav = mainNav();
    expect(within(nav).getByRole('link', { name: 'Lounges' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByRole('link', { name: 'Admin: Users' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Admin: Audit' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Admin: Marketplace' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Marketplace' })).toBeTruthy();
  });

  it('lists the admin pages for an admin and opens them in place', async () => {
    renderApp({ session: await signedIn('Admin') });

    await user.click(within(mainNav()).getByRole('link', { name: 'Admin: Users' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Admin: Users' });
    expect(window.location.pathname).toBe('/admin/users');
    expect(document.activeElement).toBe(heading);
    expect(document.title).toBe('Admin: Users · ChatRoom');
    expect(within(mainNav()).getByRole('link', { name: 'Admin: Audit' })).toBeTruthy();
    expect(within(mainNav()).getByRole('link', { name: 'Admin: Marketplace' }).getAttribute('href')).toBe('/admin/marketplace');
    expect(within(mainNav()).getByRole('link', { name: 'Marketplace' }).getAttribute('href')).toBe('/marketplace');
  });

  it('tells a non-admin who opens an admin address that it is for admins', async () => {
    renderApp({ session: await signedIn('User'), path: '/admin/audit' });

    expect(screen.getByRole('heading', { level: 1, name: 'Admins only' })).toBeTruthy();
  });

  it('sends a visitor without a session to sign in, remembering where they were going', async () => {
    renderApp({ session: new Session(), path: '/admin/users' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to ChatRoom' })).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/signin?next=%2Fadmin%2Fusers');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('signs out from the user menu and returns to the sign-in page', async () => {
    renderApp({ session: await signedIn('User'), path: '/admin/users' });

    const menuButton = screen.getByRole('button', { name: 'Account: User Person' });
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    await user.click(menuButton);
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    await waitFor(() => {
      expect(window.location.pathname + window.location.search).toBe('/signin');
    });
  });

  it('has the landmarks a screen reader user jumps between', async () => {
    renderApp({ session: await signedIn('User') });

    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
  });

  it('shows the moderation page to moderators, and the lounge admin to admins only', async () => {
    renderApp({ session: await signedIn('Moderator') });
    expect(within(mainNav()).queryByRole('link', { name: 'Admin: Lounges' })).toBeNull();
    await user.click(within(mainNav()).getByRole('link', { name: 'Moderation' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Moderation' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByRole('tab', { name: 'Reports' }).getAttribute('aria-selected')).toBe('true');
    cleanup();

    renderApp({ session: await signedIn('Moderator'), path: '/admin/lounges' });
    expect(screen.getByRole('heading', { level: 1, name: 'Admins only' })).toBeTruthy();
    cleanup();

    renderApp({ session: await signedIn('Admin'), path: '/admin/lounges' });
    expect(within(mainNav()).getByRole('link', { name: 'Moderation' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Admin: Lounges' })).toBeTruthy();
  });

  it('tells a user who opens the moderation address that it is for moderators', async () => {
    renderApp({ session: await signedIn('User'), path: '/moderation' });

    expect(within(mainNav()).queryByRole('link', { name: 'Moderation' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Moderators only' })).toBeTruthy();
  });

  it('opens the direct messages from the main navigation, and keeps them current inside a conversation', async () => {
    renderApp({ session: await signedIn('User') });

    await user.click(within(mainNav()).getByRole('link', { name: 'Messages' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Messages' })).toBeTruthy();
    expect(window.location.pathname).toBe('/conversations');
    expect(document.title).toBe('Messages · ChatRoom');
    expect(within(mainNav()).getByRole('link', { name: 'Messages' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
  });

  it('tells a guest who opens a conversation that direct messages are for registered members', async () => {
    renderApp({ session: await signedIn('Guest'), path: '/conversations/c1' });

    expect(screen.getByRole('heading', { level: 1, name: 'Conversation' })).toBeTruthy();
    expect(screen.getByText(/Direct messages are for registered members/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Register this account' }).getAttribute('href')).toBe('/profile');
  });

  it('opens the profile from the user menu', async () => {
    renderApp({ session: await signedIn('User') });
    await user.click(screen.getByRole('button', { name: 'Account: User Person' }));
    await user.click(screen.getByRole('link', { name: 'Profile and password' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Profile' })).toBeTruthy();
    expect(window.location.pathname).toBe('/profile');
  });
});

describe('a guest', () => {
  it('finds the way to register this account in the user menu', async () => {
    renderApp({ session: await signedIn('Guest') });
    await user.click(screen.getByRole('button', { name: 'Account: Guest Person' }));
    await user.click(screen.getByRole('link', { name: 'Register this account' }));

    const form = await screen.findByRole('region', { name: 'Register this account' });
    expect(window.location.pathname).toBe('/profile');
    expect(within(form).getByRole('button', { name: 'Register this account' })).toBeTruthy();
  });
});

describe('moderation notices', () => {
  it('sends a kicked user from the room to the lounges with the notice kept in view', async () => {
    const session = await signedIn('User');
    const { connection, raise } = fakeConnection(session, (method) =>
      Promise.resolve(method === 'JoinRoom' ? { room: roomInfo, online: [], messages: [], changeSeq: 0, hasMore: false } : undefined),
    );
    renderApp({ session, connection, path: '/rooms/r1' });
    await screen.findByRole('heading', { level: 1, name: 'English' });

    raise(HubEvents.ModerationNotice, { kind: 'Kick', roomId: 'r1', reason: 'Flooding', expiresAt: null });

    const heading = await screen.findByRole('heading', { level: 1, name: 'Lounges' });
    expect(window.location.pathname).toBe('/');
    expect(document.activeElement).toBe(heading);
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('A moderator removed you from the room. Reason: Flooding');
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('shows a warning on any page', async () => {
    const session = await signedIn('User');
    const { connection, raise } = fakeConnection(session);
    renderApp({ session, connection });
    await connection.start();
    raise(HubEvents.ModerationNotice, { kind: 'Warn', roomId: null, reason: '<b>Stop</b>', expiresAt: null });
    expect(screen.getByRole('alert').textContent).toContain('A moderator sent you a warning. Reason: <b>Stop</b>');
    expect(screen.getByRole('alert').querySelector('b')).toBeNull();
  });

  it('tells of an approved identity document and shows the verified age on the profile at once', async () => {
    const session = await signedIn('User');
    let status: IdentityStatus = { status: 'Pending', ageVerified: false, submittedAt: '2026-12-01T10:00:00Z', reviewedAt: null, reason: null };
    const api = mockApi({
      'GET /api/me/blocks': () => Response.json([]),
    'GET /api/conversations': () => Response.json([]),
    'GET /api/me/verification': () => Response.json(status),
      'GET /api/auth/me': () => Response.json(account('User', { ageVerified: true })),
    });
    const { connection, raise } = fakeConnection(session);
    renderApp({ session, connection, path: '/profile' });
    const section = screen.getByRole('region', { name: 'Age verification' });
    expect(await within(section).findByText('Waiting for review.')).toBeTruthy();
    await connection.start();

    status = { ...status, status: 'Approved', ageVerified: true, reviewedAt: '2026-12-01T12:00:00Z' };
    raise(HubEvents.ModerationNotice, { kind: 'IdentityApproved', roomId: null, reason: null, expiresAt: null });

    expect(screen.getByRole('alert').textContent).toContain('Your identity document was approved: you are age verified.');
    expect(await within(section).findByText('Age verified.')).toBeTruthy();
    expect(await screen.findByText('Age verified')).toBeTruthy();
    const state = session.getState();
    expect(state.status === 'signedIn' && state.user.ageVerified).toBe(true);
    expect(api.urls()).toContain('/api/auth/me');
  });

  it('tells of a rejected identity document with the moderator’s reason', async () => {
    const session = await signedIn('User');
    let status: IdentityStatus = { status: 'Pending', ageVerified: false, submittedAt: '2026-12-01T10:00:00Z', reviewedAt: null, reason: null };
    mockApi({
      'GET /api/me/blocks': () => Response.json([]),
    'GET /api/conversations': () => Response.json([]),
    'GET /api/me/verification': () => Response.json(status),
      'GET /api/auth/me': () => Response.json(account('User')),
    });
    const { connection, raise } = fakeConnection(session);
    renderApp({ session, connection, path: '/profile' });
    const section = screen.getByRole('region', { name: 'Age verification' });
    await within(section).findByText('Waiting for review.');
    await connection.start();

    status = { ...status, status: 'Rejected', reason: 'The photo is blurred.' };
    raise(HubEvents.ModerationNotice, { kind: 'IdentityRejected', roomId: null, reason: 'The photo is blurred.', expiresAt: null });

    expect(screen.getByRole('alert').textContent).toContain('Your identity document was rejected: The photo is blurred.');
    expect(await within(section).findByLabelText('Identity document')).toBeTruthy();
    expect(within(section).getByText(/was rejected/).textContent).toContain('The photo is blurred.');
  });
});
