import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { account, blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, sentRequests } from '../test/server.ts';
import { ProfilePage } from './ProfilePage.tsx';

// The age verification section reads its status on every profile; tests about it answer this their own way.
beforeEach(() => {
  blocksApi();
  mockApi({ 'GET /api/me/verification': () => Response.json({ status: 'None', ageVerified: false, submittedAt: null, reviewedAt: null, reason: null }) });
});

async function renderPage(role: 'User' | 'Guest' = 'User') {
  const session = await signedIn(role);
  const rendered = renderWithProviders(<ProfilePage />, { session, path: '/profile' });
  return { session, ...rendered };
}

describe('Profile', () => {
  it('saves the display name and avatar, and the session shows the new name', async () => {
    const api = mockApi({
      'PATCH /api/users/me': ({ body }) => Response.json(account('User', body as object)),
    });
    const { session } = await renderPage();
    const form = screen.getByRole('region', { name: 'Your profile' });
    const name = within(form).getByLabelText<HTMLInputElement>('Display name');
    expect(name.value).toBe('User Person');

    await fill(name, '  Ursula  ');
    await fill(within(form).getByLabelText('Avatar URL'), 'https://example.com/me.png');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));

    expect(await within(form).findByText('Your profile is saved.')).toBeTruthy();
    expect(api.bodiesTo('/api/users/me')).toEqual([{
      displayName: 'Ursula',
      avatarUrl: 'https://example.com/me.png',
    }]);
    const state = session.getState();
    expect(state.status === 'signedIn' && state.user.displayName).toBe('Ursula');
  });

  it('refuses an avatar address that is not http or https before asking the server', async () => {
    await renderPage();
    const form = screen.getByRole('region', { name: 'Your profile' });
    const avatar = within(form).getByLabelText('Avatar URL');
    await fill(avatar, 'javascript:alert(1)');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));

    expect(avatar.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => {
      expect(document.activeElement).toBe(avatar);
    });
    expect(document.getElementById(avatar.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toMatch(/http:\/\/ or https:\/\//);
    expect(sentRequests).not.toContain('PATCH /api/users/me');
  });

  it('shows the server’s complaint next to its field', async () => {
    mockApi({
      'PATCH /api/users/me': () => problem(400, { code: 'request.invalid', errors: { DisplayName: ['Display name must be at most 64 characters.'] } }),
    });
    await renderPage();
    const form = screen.getByRole('region', { name: 'Your profile' });
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(await within(form).findByText('Display name must be at most 64 characters.')).toBeTruthy();
    expect(within(form).getByLabelText('Display name').getAttribute('aria-invalid')).toBe('true');
  });

  it('changes the password and says the other sessions were signed out', async () => {
    const answers = [
      problem(400, { errors: { CurrentPassword: ['The current password is wrong.'] } }),
      new Response(null, { status: 204 }),
    ];
    const api = mockApi({ 'POST /api/auth/password': () => answers.shift() ?? problem(500, {}) });
    await renderPage();
    const form = screen.getByRole('region', { name: 'Change password' });
    const current = within(form).getByLabelText<HTMLInputElement>('Current password');
    const next = within(form).getByLabelText<HTMLInputElement>('New password');

    await fill(current, 'old-password');
    await fill(next, 'short');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(within(form).getByText('Use 8 to 128 characters.')).toBeTruthy();
    expect(api.requests).toEqual([]);

    await fill(next, 'a much better one');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('The current password is wrong.')).toBeTruthy();
    expect(current.getAttribute('aria-invalid')).toBe('true');

    await fill(current, 'right-password');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText(/Your other sessions were signed out/)).toBeTruthy();
    expect(current.value).toBe('');
    expect(api.bodiesTo('/api/auth/password')[1]).toEqual({
      currentPassword: 'right-password',
      newPassword: 'a much better one',
    });
  });

  it('verifies a phone number with the code texted to it', async () => {
    const api = mockApi({
      'POST /api/me/phone': () =>
        Response.json({ lastDigits: '89', expiresAt: '2026-12-02T10:10:00Z', resendAfter: '2026-12-02T10:01:00Z' }, { status: 202 }),
      'POST /api/me/phone/verify': () => Response.json(account('User', { phoneVerified: true, phoneLastDigits: '89' })),
    });
    const { session } = await renderPage();
    const section = screen.getByRole('region', { name: 'Phone number' });

    await fill(within(section).getByLabelText('Phone number'), '+49 151 23456789');
    await user.click(within(section).getByRole('button', { name: 'Send code' }));
    const code = await within(section).findByLabelText('Code');
    expect(within(section).getByText(/ending in 89/)).toBeTruthy();
    await fill(code, '123456');
    await user.click(within(section).getByRole('button', { name: 'Verify' }));

    expect(await within(section).findByText(/is verified/)).toBeTruthy();
    expect(api.bodiesTo('/api/me/phone')).toEqual([{ phoneNumber: '+49 151 23456789', region: null }]);
    expect(api.bodiesTo('/api/me/phone/verify')).toEqual([{ code: '123456' }]);
    const state = session.getState();
    expect(state.status === 'signedIn' && state.user.phoneVerified).toBe(true);
  });

  it('shows what the server says of a wrong code and keeps the code form', async () => {
    mockApi({
      'POST /api/me/phone': () =>
        Response.json({ lastDigits: '89', expiresAt: '2026-12-02T10:10:00Z', resendAfter: '2026-12-02T10:01:00Z' }, { status: 202 }),
      'POST /api/me/phone/verify': () => problem(400, { code: 'phone.code_invalid', detail: 'That is not the code. 4 attempt(s) left.' }),
    });
    await renderPage();
    const section = screen.getByRole('region', { name: 'Phone number' });
    await fill(within(section).getByLabelText('Phone number'), '+49 151 23456789');
    await user.click(within(section).getByRole('button', { name: 'Send code' }));
    await fill(await within(section).findByLabelText('Code'), '000000');
    await user.click(within(section).getByRole('button', { name: 'Verify' }));

    expect(await within(section).findByText('That is not the code. 4 attempt(s) left.')).toBeTruthy();
    expect(within(section).getByLabelText('Code')).toBeTruthy();
  });

  it('removes a verified number', async () => {
    const api = mockApi({ 'DELETE /api/me/phone': () => Response.json(account('User')) });
    const session = await signedIn('User', 'token-1', account('User', { phoneVerified: true, phoneLastDigits: '42' }));
    renderWithProviders(<ProfilePage />, { session, path: '/profile' });
    const section = screen.getByRole('region', { name: 'Phone number' });
    expect(within(section).getByText(/ending in/).textContent).toContain('42');

    await user.click(within(section).getByRole('button', { name: 'Remove number' }));

    await waitFor(() => {
      expect(within(section).queryByText(/is verified/)).toBeNull();
    });
    expect(api.requests.filter((r) => r.path === '/api/me/phone')).toHaveLength(1);
  });

  it('asks a guest to register instead of showing forms', async () => {
    mockApi({ 'POST /api/auth/logout': () => new Response(null, { status: 204 }) });
    const { session, location } = await renderPage('Guest');
    expect(screen.queryByRole('region', { name: 'Change password' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign out and register' }));
    await waitFor(() => {
      expect(location()).toBe('/signin');
    });
    expect(session.getState().status).toBe('signedOut');
  });
});
