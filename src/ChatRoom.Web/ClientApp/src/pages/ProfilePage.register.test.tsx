import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { account, blocksApi, problem, signedIn, tokens } from '../test/fakeApi.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { ProfilePage } from './ProfilePage.tsx';

// Every chat view (and the profile) reads the people the member blocked; none unless a test says otherwise.
beforeEach(() => {
  blocksApi();
});

const guest = account('Guest', { id: 'id-guest', userName: 'guest-4711', displayName: 'Visitor' });

async function renderGuest(routes: Record<string, Handler>) {
  const api = mockApi({
    'GET /api/me/verification': () => Response.json({ status: 'None', ageVerified: false, submittedAt: null, reviewedAt: null, reason: null }),
    ...routes,
  });
  const session = await signedIn('Guest', 'guest-token', guest);
  renderWithProviders(<ProfilePage />, { session, path: '/profile' });
  const form = screen.getByRole('region', { name: 'Register this account' });
  return { api, session, form };
}

describe('Profile: a guest registers this account', () => {
  it('registers in place and carries on signed in as the registered account', async () => {
    const registered = account('User', { id: 'id-guest', userName: 'ann', displayName: 'Visitor' });
    const { api, session, form } = await renderGuest({ 'POST /api/auth/upgrade': () => tokens('member-token', registered) });

    await fill(within(form).getByLabelText('User name'), ' ann ');
    await fill(within(form).getByLabelText('Password'), 'a long password');
    await user.click(within(form).getByRole('button', { name: 'Register this account' }));

    const news = await screen.findByText('Your account is registered: you are signed in as @ann, with your messages and rooms kept.');
    expect(news.getAttribute('role')).toBe('status');
    await waitFor(() => {
      expect(document.activeElement).toBe(news);
    });
    expect(screen.queryByRole('region', { name: 'Register this account' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Your profile' })).toBeTruthy();
    expect(api.bodiesTo('/api/auth/upgrade')).toEqual([{ userName: 'ann', password: 'a long password', displayName: null }]);
    expect(api.requests.find((r) => r.path === '/api/auth/upgrade')?.headers.get('Authorization')).toBe('Bearer guest-token');
    expect(session.getState()).toEqual({ status: 'signedIn', user: registered });
    await expect(session.getAccessToken()).resolves.toBe('member-token');
  });

  it('checks the fields first, then shows a taken name at the user name and other refusals above the form', async () => {
    const answers = [
      problem(409, { code: 'auth.name_taken', detail: 'That user name is taken.' }),
      problem(409, { code: 'auth.not_guest', detail: 'This account is registered already.' }),
    ];
    const { api, form } = await renderGuest({ 'POST /api/auth/upgrade': () => answers.shift() ?? problem(500, {}) });
    const name = within(form).getByLabelText('User name');

    await fill(within(form).getByLabelText('Password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Register this account' }));
    expect(within(form).getByText('Choose a user name.')).toBeTruthy();
    expect(within(form).getByText('Use 8 to 128 characters.')).toBeTruthy();
    expect(api.requests.filter((r) => r.path === '/api/auth/upgrade')).toHaveLength(0);

    await fill(name, 'bob');
    await fill(within(form).getByLabelText('Password'), 'a long password');
    await fill(within(form).getByLabelText('Display name'), 'Bobby');
    await user.click(within(form).getByRole('button', { name: 'Register this account' }));
    expect(await within(form).findByText('That user name is taken.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');

    await user.click(within(form).getByRole('button', { name: 'Register this account' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('This account is registered already.');
    expect(api.bodiesTo('/api/auth/upgrade')[0]).toEqual({ userName: 'bob', password: 'a long password', displayName: 'Bobby' });
  });
});
