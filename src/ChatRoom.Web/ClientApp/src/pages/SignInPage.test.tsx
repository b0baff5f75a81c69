import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../App.tsx';
import { Session } from '../api/session.ts';
import { problem, stubApi, tokens, user } from '../test/fakeApi.ts';

beforeEach(() => {
  window.history.replaceState(null, '', '/signin');
});
afterEach(cleanup);

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('the sign-in page', () => {
  it('shows each validation problem next to its field, described by it', async () => {
    stubApi({
      'POST /api/auth/login': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          code: 'request.invalid',
          errors: { UserName: ['User name must be 1 to 32 characters.'], Password: ['Password is required.'] },
        }),
    });
    render(<App session={new Session()} />);

    fill('User name', 'x'.repeat(40));
    fill('Password', 'x');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    const userName = screen.getByLabelText('User name');
    await waitFor(() => {
      expect(document.activeElement).toBe(userName);
    });
    expect(userName.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(userName)).toBe('User name must be 1 to 32 characters.');
    expect(describedText(screen.getByLabelText('Password'))).toBe('Password is required.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a wrong password as a general alert, and a rate limit with its wait', async () => {
    const answers = [
      problem(401, { title: 'Unauthorized', detail: 'Invalid user name or password.', code: 'auth.invalid_credentials' }),
      problem(
        429,
        { title: 'Too many requests', detail: 'Too many failed sign-ins for this account.', code: 'auth.rate_limited', retryAfter: 42 },
        { 'Retry-After': '42' },
      ),
    ];
    stubApi({ 'POST /api/auth/login': () => answers.shift() ?? problem(500, {}) });
    render(<App session={new Session()} />);
    fill('User name', 'alice');
    fill('Password', 'wrong password');

    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid user name or password.');

    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('Too many failed sign-ins for this account. Try again in 42 s.');
    });
  });

  it('asks for the user name and password before calling the Api', async () => {
    const fetchMock = stubApi({});
    render(<App session={new Session()} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(describedText(screen.getByLabelText('User name'))).toBe('Enter your user name.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('puts a taken user name next to the field when creating an account', async () => {
    stubApi({ 'POST /api/auth/register': () => problem(409, { title: 'Conflict', detail: 'That user name is taken.' }) });
    render(<App session={new Session()} />);

    fireEvent.click(await screen.findByRole('tab', { name: 'New account' }));
    const panel = screen.getByRole('tabpanel');
    fill('User name', 'alice');
    fill('Password', 'long enough password');
    fireEvent.click(within(panel).getByRole('button', { name: 'Create account' }));

    await waitFor(() => {
      expect(describedText(screen.getByLabelText('User name'))).toContain('That user name is taken.');
    });
  });

  it('signs in, sends the user where they were going and moves focus to that page heading', async () => {
    window.history.replaceState(null, '', '/signin?next=%2Fadmin%2Faudit');
    const fetchMock = stubApi({
      'POST /api/auth/login': () => tokens('t', user('Admin')),
      'GET /api/admin/audit': () => Response.json({ items: [], nextCursor: null }),
    });
    render(<App session={new Session()} />);

    fill('User name', 'admin');
    fill('Password', 'correct horse');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Admin: Audit' });
    expect(window.location.pathname).toBe('/admin/audit');
    expect(document.activeElement).toBe(heading);
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBe(JSON.stringify({ userName: 'admin', password: 'correct horse' }));
  });

  it('lets a visitor continue as a guest with a display name', async () => {
    const fetchMock = stubApi({
      'POST /api/auth/guest': () => tokens('g', user('Guest', { displayName: 'Visitor' })),
      'GET /api/lounges': () => Response.json([]),
    });
    render(<App session={new Session()} />);

    fireEvent.click(await screen.findByRole('tab', { name: 'Guest' }));
    fill('Display name', 'Visitor');
    fireEvent.click(screen.getByRole('button', { name: 'Continue as guest' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Lounges' })).toBeTruthy();
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBe(JSON.stringify({ displayName: 'Visitor' }));
    expect(screen.getByRole('button', { name: 'Account: Visitor' })).toBeTruthy();
  });

  it('moves between the tabs with the arrow keys, as the tabs pattern promises', async () => {
    stubApi({});
    render(<App session={new Session()} />);
    const signIn = await screen.findByRole('tab', { name: 'Sign in' });

    signIn.focus();
    fireEvent.keyDown(signIn, { key: 'ArrowLeft' });

    const guest = screen.getByRole('tab', { name: 'Guest' });
    expect(document.activeElement).toBe(guest);
    expect(guest.getAttribute('aria-selected')).toBe('true');
    expect(within(screen.getByRole('tabpanel', { name: 'Guest' })).getByRole('button', { name: 'Continue as guest' })).toBeTruthy();
  });
});
