import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { account, problem, tokens } from '../test/fakeApi.ts';
import { describedText, fill, renderApp, user } from '../test/render.tsx';
import { mockApi, sentRequests } from '../test/server.ts';

async function fillIn(label: string, value: string) {
  await fill(screen.getByLabelText(label), value);
}

describe('the sign-in page', () => {
  it('shows each validation problem next to its field, described by it', async () => {
    mockApi({
      'POST /api/auth/login': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          code: 'request.invalid',
          errors: { UserName: ['User name must be 1 to 32 characters.'], Password: ['Password is required.'] },
        }),
    });
    renderApp({ path: '/signin' });

    await fillIn('User name', 'x'.repeat(40));
    await fillIn('Password', 'x');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

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
        { title: 'Too many requests', detail: 'Too many failed sign-ins for this account. Try again in 42 s.', code: 'auth.rate_limited', retryAfter: 42 },
        { 'Retry-After': '42' },
      ),
    ];
    mockApi({ 'POST /api/auth/login': () => answers.shift() ?? problem(500, {}) });
    renderApp({ path: '/signin' });
    await fillIn('User name', 'alice');
    await fillIn('Password', 'wrong password');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid user name or password.');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('Too many failed sign-ins for this account. Try again in 42 s.');
    });
  });

  it('asks for the user name and password before calling the Api', async () => {
    renderApp({ path: '/signin' });

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(describedText(screen.getByLabelText('User name'))).toBe('Enter your user name.');
    expect(sentRequests).toEqual([]);
  });

  it('puts a taken user name next to the field when creating an account', async () => {
    mockApi({ 'POST /api/auth/register': () => problem(409, { title: 'Conflict', detail: 'That user name is taken.' }) });
    renderApp({ path: '/signin' });

    await user.click(await screen.findByRole('tab', { name: 'New account' }));
    const panel = screen.getByRole('tabpanel');
    await fillIn('User name', 'alice');
    await fillIn('Password', 'long enough password');
    await user.click(within(panel).getByRole('button', { name: 'Create account' }));

    await waitFor(() => {
      expect(describedText(screen.getByLabelText('User name'))).toContain('That user name is taken.');
    });
  });

  it('signs in, sends the user where they were going and moves focus to that page heading', async () => {
    const api = mockApi({
      'POST /api/auth/login': () => tokens('t', account('Admin')),
      'GET /api/admin/audit': () => Response.json({ items: [], nextCursor: null }),
    });
    renderApp({ path: '/signin?next=%2Fadmin%2Faudit' });

    await fillIn('User name', 'admin');
    await fillIn('Password', 'correct horse');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Admin: Audit' });
    expect(window.location.pathname).toBe('/admin/audit');
    expect(document.activeElement).toBe(heading);
    expect(api.bodiesTo('/api/auth/login')).toEqual([{ userName: 'admin', password: 'correct horse' }]);
  });

  it('lets a visitor continue as a guest with a display name', async () => {
    const api = mockApi({
      'POST /api/auth/guest': () => tokens('g', account('Guest', { displayName: 'Visitor' })),
      'GET /api/lounges': () => Response.json([]),
    });
    renderApp({ path: '/signin' });

    await user.click(await screen.findByRole('tab', { name: 'Guest' }));
    await fillIn('Display name', 'Visitor');
    await user.click(screen.getByRole('button', { name: 'Continue as guest' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Lounges' })).toBeTruthy();
    expect(api.bodiesTo('/api/auth/guest')).toEqual([{ displayName: 'Visitor' }]);
    expect(screen.getByRole('button', { name: 'Account: Visitor' })).toBeTruthy();
  });

  it('moves between the tabs with the arrow keys, as the tabs pattern promises', async () => {
    renderApp({ path: '/signin' });
    const signIn = await screen.findByRole('tab', { name: 'Sign in' });

    signIn.focus();
    await user.keyboard('{ArrowLeft}');

    const guest = screen.getByRole('tab', { name: 'Guest' });
    expect(document.activeElement).toBe(guest);
    expect(guest.getAttribute('aria-selected')).toBe('true');
    expect(within(screen.getByRole('tabpanel', { name: 'Guest' })).getByRole('button', { name: 'Continue as guest' })).toBeTruthy();
  });
});
