import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { Session } from './api/session.ts';
import { signedIn, stubApi } from './test/fakeApi.ts';

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  stubApi({
    'GET /api/lounges': () => Response.json([]),
    'GET /api/users': () => Response.json({ items: [], nextCursor: null }),
    'POST /api/auth/logout': () => new Response(null, { status: 204 }),
  });
});
afterEach(cleanup);

function mainNav() {
  return screen.getByRole('navigation', { name: 'Main' });
}

describe('navigation', () => {
  it('shows the admin pages only to admins', async () => {
    render(<App session={await signedIn('Moderator')} />);

    const nav = mainNav();
    expect(within(nav).getByRole('link', { name: 'Lounges' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByRole('link', { name: 'Admin: Users' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Admin: Audit' })).toBeNull();
  });

  it('lists the admin pages for an admin and opens them in place', async () => {
    render(<App session={await signedIn('Admin')} />);

    fireEvent.click(within(mainNav()).getByRole('link', { name: 'Admin: Users' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Admin: Users' });
    expect(window.location.pathname).toBe('/admin/users');
    expect(document.activeElement).toBe(heading);
    expect(document.title).toBe('Admin: Users · ChatRoom');
    expect(within(mainNav()).getByRole('link', { name: 'Admin: Audit' })).toBeTruthy();
  });

  it('tells a non-admin who opens an admin address that it is for admins', async () => {
    window.history.replaceState(null, '', '/admin/audit');
    render(<App session={await signedIn('User')} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Admins only' })).toBeTruthy();
  });

  it('sends a visitor without a session to sign in, remembering where they were going', async () => {
    window.history.replaceState(null, '', '/admin/users');
    render(<App session={new Session()} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to ChatRoom' })).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/signin?next=%2Fadmin%2Fusers');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('signs out from the user menu and returns to the sign-in page', async () => {
    window.history.replaceState(null, '', '/admin/users');
    render(<App session={await signedIn('User')} />);

    const menuButton = screen.getByRole('button', { name: 'Account: User Person' });
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menuButton);
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    await waitFor(() => {
      expect(window.location.pathname + window.location.search).toBe('/signin');
    });
  });

  it('has the landmarks a screen reader user jumps between', async () => {
    render(<App session={await signedIn('User')} />);

    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
  });
});
