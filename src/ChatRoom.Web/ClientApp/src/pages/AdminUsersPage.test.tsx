import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { account, problem, signedIn } from '../test/fakeApi.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { AdminUsersPage } from './AdminUsersPage.tsx';

const admin = account('Admin');
const bob = account('User', { id: 'id-bob', userName: 'bob', displayName: '<img src=x onerror=alert(1)>' });
const carol = account('Moderator', { id: 'id-carol', userName: 'carol', displayName: null });

async function renderPage() {
  renderWithProviders(<AdminUsersPage />, { session: await signedIn('Admin'), path: '/admin/users' });
  return screen.findByRole('table');
}

function rowOf(userName: string) {
  return screen.getByRole('rowheader', { name: new RegExp(`^${userName}`) }).closest('tr') as HTMLElement;
}

describe('Admin: Users', () => {
  it('pages forward by cursor and back again, rendering names as text', async () => {
    const api = mockApi({
      'GET /api/users': ({ url }) =>
        url.searchParams.get('cursor') === 'page-2'
          ? Response.json({ items: [carol], nextCursor: null })
          : Response.json({ items: [admin, bob], nextCursor: 'page-2' }),
    });
    await renderPage();

    expect(within(rowOf('admin')).getByText('you')).toBeTruthy();
    expect(within(rowOf('bob')).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('rowheader', { name: 'carol' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next page' }).getAttribute('aria-disabled')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByRole('rowheader', { name: 'bob' })).toBeTruthy();
    expect(api.urls()).toEqual([
      '/api/users?limit=25',
      '/api/users?cursor=page-2&limit=25',
      '/api/users?limit=25',
    ]);
  });

  it('changes a role, and shows the refusal and the old role when the server says no', async () => {
    const answers = [
      Response.json({ ...bob, role: 'Moderator' }),
      problem(409, { title: 'Conflict', detail: 'This is the last admin. Make someone else an admin first.' }),
    ];
    const api = mockApi({
      'GET /api/users': () => Response.json({ items: [admin, bob], nextCursor: null }),
      'PUT /api/users/id-bob/role': () => answers.shift() ?? problem(500, {}),
      'PUT /api/users/id-admin/role': () => answers.shift() ?? problem(500, {}),
    });
    await renderPage();

    await fill(screen.getByRole('combobox', { name: 'Role for bob' }), 'Moderator');
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('bob is now Moderator.');
    });
    expect(api.bodiesTo('/api/users/id-bob/role')).toEqual([{ role: 'Moderator' }]);

    const own = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Role for admin' });
    await fill(own, 'User');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not change the role of admin: This is the last admin. Make someone else an admin first.',
    );
    expect(own.value).toBe('Admin');
  });

  it('deletes a user only after confirmation', async () => {
    let users = [admin, bob];
    const api = mockApi({
      'GET /api/users': () => Response.json({ items: users, nextCursor: null }),
      'DELETE /api/users/id-bob': () => {
        users = [admin];
        return new Response(null, { status: 204 });
      },
    });
    await renderPage();

    await user.click(within(rowOf('bob')).getByRole('button', { name: 'Delete bob' }));
    const confirm = within(rowOf('bob')).getByRole('button', { name: 'Yes, delete bob' });
    expect(document.activeElement).toBe(confirm);
    await user.click(within(rowOf('bob')).getByRole('button', { name: 'Cancel' }));
    expect(api.requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(within(rowOf('bob')).getByRole('button', { name: 'Delete bob' }));
    await user.click(within(rowOf('bob')).getByRole('button', { name: 'Yes, delete bob' }));

    await waitFor(() => {
      expect(screen.queryByRole('rowheader', { name: 'bob' })).toBeNull();
    });
    expect(screen.getByRole('status').textContent).toBe('Deleted bob.');
  });

  it('creates a user, showing the validation problems next to the fields', async () => {
    const answers = [
      problem(400, { errors: { Password: ['Password must be 8-128 characters without NUL.'] } }),
      Response.json(account('Moderator', { userName: 'dave' }), { status: 201 }),
    ];
    const api = mockApi({
      'GET /api/users': () => Response.json({ items: [admin], nextCursor: null }),
      'POST /api/users': () => answers.shift() ?? problem(500, {}),
    });
    await renderPage();
    const form = screen.getByRole('region', { name: 'Create a user' });

    await fill(within(form).getByLabelText('User name'), 'dave');
    await fill(within(form).getByLabelText('Password'), 'short');
    await fill(within(form).getByLabelText('Role'), 'Moderator');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));

    const password = within(form).getByLabelText('Password');
    await waitFor(() => {
      expect(password.getAttribute('aria-invalid')).toBe('true');
    });
    expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Password must be 8-128 characters without NUL.',
    );

    await fill(password, 'long enough now');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));

    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Created dave (Moderator).');
    });
    expect(api.bodiesTo('/api/users').at(-1)).toEqual({
      userName: 'dave',
      password: 'long enough now',
      role: 'Moderator',
      displayName: null,
    });
  });
});
