import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionProvider } from '../session/SessionContext.tsx';
import { problem, signedIn, stubApi, user } from '../test/fakeApi.ts';
import { ProfilePage } from './ProfilePage.tsx';

afterEach(cleanup);

async function renderPage(role: 'User' | 'Guest' = 'User') {
  const session = await signedIn(role);
  render(
    <SessionProvider session={session}>
      <ProfilePage />
    </SessionProvider>,
  );
  return session;
}

describe('Profile', () => {
  it('saves the display name and avatar, and the session shows the new name', async () => {
    const fetchMock = stubApi({
      'PATCH /api/users/me': ({ body }) => Response.json(user('User', body as object)),
    });
    const session = await renderPage();
    const form = screen.getByRole('region', { name: 'Your profile' });
    const name = within(form).getByLabelText<HTMLInputElement>('Display name');
    expect(name.value).toBe('User Person');

    fireEvent.change(name, { target: { value: '  Ursula  ' } });
    fireEvent.change(within(form).getByLabelText('Avatar URL'), { target: { value: 'https://example.com/me.png' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save profile' }));

    expect(await within(form).findByText('Your profile is saved.')).toBeTruthy();
    expect(JSON.parse(fetchMock.mock.calls[0]?.[1]?.body as string)).toEqual({
      displayName: 'Ursula',
      avatarUrl: 'https://example.com/me.png',
    });
    const state = session.getState();
    expect(state.status === 'signedIn' && state.user.displayName).toBe('Ursula');
  });

  it('refuses an avatar address that is not http or https before asking the server', async () => {
    const fetchMock = stubApi({});
    await renderPage();
    const form = screen.getByRole('region', { name: 'Your profile' });
    const avatar = within(form).getByLabelText('Avatar URL');
    fireEvent.change(avatar, { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save profile' }));

    expect(avatar.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => {
      expect(document.activeElement).toBe(avatar);
    });
    expect(document.getElementById(avatar.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toMatch(/http:\/\/ or https:\/\//);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s complaint next to its field', async () => {
    stubApi({
      'PATCH /api/users/me': () => problem(400, { code: 'request.invalid', errors: { DisplayName: ['Display name must be at most 64 characters.'] } }),
    });
    await renderPage();
    const form = screen.getByRole('region', { name: 'Your profile' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(await within(form).findByText('Display name must be at most 64 characters.')).toBeTruthy();
    expect(within(form).getByLabelText('Display name').getAttribute('aria-invalid')).toBe('true');
  });

  it('changes the password and says the other sessions were signed out', async () => {
    const answers = [
      problem(400, { errors: { CurrentPassword: ['The current password is wrong.'] } }),
      new Response(null, { status: 204 }),
    ];
    const fetchMock = stubApi({ 'POST /api/auth/password': () => answers.shift() ?? problem(500, {}) });
    await renderPage();
    const form = screen.getByRole('region', { name: 'Change password' });
    const current = within(form).getByLabelText<HTMLInputElement>('Current password');
    const next = within(form).getByLabelText<HTMLInputElement>('New password');

    fireEvent.change(current, { target: { value: 'old-password' } });
    fireEvent.change(next, { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(within(form).getByText('Use 8 to 128 characters.')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();

    fireEvent.change(next, { target: { value: 'a much better one' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('The current password is wrong.')).toBeTruthy();
    expect(current.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(current, { target: { value: 'right-password' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText(/Your other sessions were signed out/)).toBeTruthy();
    expect(current.value).toBe('');
    expect(JSON.parse(fetchMock.mock.calls[1]?.[1]?.body as string)).toEqual({
      currentPassword: 'right-password',
      newPassword: 'a much better one',
    });
  });

  it('asks a guest to register instead of showing forms', async () => {
    stubApi({ 'POST /api/auth/logout': () => new Response(null, { status: 204 }) });
    const session = await renderPage('Guest');
    expect(screen.queryByRole('region', { name: 'Change password' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out and register' }));
    await waitFor(() => {
      expect(window.location.pathname).toBe('/signin');
    });
    expect(session.getState().status).toBe('signedOut');
  });
});
