import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionProvider } from '../session/SessionContext.tsx';
import { problem, signedIn, stubApi, user } from '../test/fakeApi.ts';
import { AdminUsersPage } from './AdminUsersPage.tsx';

afterEach(cleanup);

const admin = user('Admin');
const bob = user('User', { id: 'id-bob', userName: 'bob', displayName: '<img src=x onerror=alert(1)>' });
const carol = user('Moderator', { id: 'id-carol', userName: 'carol', displayName: null });

async function renderPage() {
  render(
    <SessionProvider session={await signedIn('Admin')}>
      <AdminUsersPage />
    </SessionProvider>,
  );
  return screen.findByRole('table');
}

function rowOf(userName: string) {
  return screen.getByRole('rowheader', { name: new RegExp(`^${userName}`) }).closest('tr') as HTMLElement;
}

describe('Admin: Users', () => {
  it('pages forward by cursor and back again, rendering names as text', async () => {
    const fetchMock = stubApi({
      'GET /api/users': ({ url }) =>
        url.searchParams.get('cursor') === 'page-2'
          ? Response.json({ items: [carol], nextCursor: null })
          : Response.json({ items: [admin, bob], nextCursor: 'page-2' }),
    });
    await renderPage();

    expect(within(rowOf('admin')).getByText('you')).toBeTruthy();
    expect(within(rowOf('bob')).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('rowheader', { name: 'carol' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next page' }).getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByRole('rowheader', { name: 'bob' })).toBeTruthy();
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
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
    const fetchMock = stubApi({
      'GET /api/users': () => Response.json({ items: [admin, bob], nextCursor: null }),
      'PUT /api/users/id-bob/role': () => answers.shift() ?? problem(500, {}),
      'PUT /api/users/id-admin/role': () => answers.shift() ?? problem(500, {}),
    });
    await renderPage();

    fireEvent.change(screen.getByRole('combobox', { name: 'Role for bob' }), { target: { value: 'Moderator' } });
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('bob is now Moderator.');
    });
    expect(fetchMock.mock.calls[1]?.[1]?.body).toBe(JSON.stringify({ role: 'Moderator' }));

    const own = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Role for admin' });
    fireEvent.change(own, { target: { value: 'User' } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not change the role of admin: This is the last admin. Make someone else an admin first.',
    );
    expect(own.value).toBe('Admin');
  });

  it('deletes a user only after confirmation', async () => {
    let users = [admin, bob];
    const fetchMock = stubApi({
      'GET /api/users': () => Response.json({ items: users, nextCursor: null }),
      'DELETE /api/users/id-bob': () => {
        users = [admin];
        return new Response(null, { status: 204 });
      },
    });
    await renderPage();

    fireEvent.click(within(rowOf('bob')).getByRole('button', { name: 'Delete bob' }));
    const confirm = within(rowOf('bob')).getByRole('button', { name: 'Yes, delete bob' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(within(rowOf('bob')).getByRole('button', { name: 'Cancel' }));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);

    fireEvent.click(within(rowOf('bob')).getByRole('button', { name: 'Delete bob' }));
    fireEvent.click(within(rowOf('bob')).getByRole('button', { name: 'Yes, delete bob' }));

    await waitFor(() => {
      expect(screen.queryByRole('rowheader', { name: 'bob' })).toBeNull();
    });
    expect(screen.getByRole('status').textContent).toBe('Deleted bob.');
  });

  it('creates a user, showing the validation problems next to the fields', async () => {
    const answers = [
      problem(400, { errors: { Password: ['Password must be 8-128 characters without NUL.'] } }),
      Response.json(user('Moderator', { userName: 'dave' }), { status: 201 }),
    ];
    const fetchMock = stubApi({
      'GET /api/users': () => Response.json({ items: [admin], nextCursor: null }),
      'POST /api/users': () => answers.shift() ?? problem(500, {}),
    });
    await renderPage();
    const form = screen.getByRole('region', { name: 'Create a user' });

    fireEvent.change(within(form).getByLabelText('User name'), { target: { value: 'dave' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'short' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'Moderator' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));

    const password = within(form).getByLabelText('Password');
    await waitFor(() => {
      expect(password.getAttribute('aria-invalid')).toBe('true');
    });
    expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Password must be 8-128 characters without NUL.',
    );

    fireEvent.change(password, { target: { value: 'long enough now' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));

    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Created dave (Moderator).');
    });
    expect(JSON.parse(fetchMock.mock.calls.at(-2)?.[1]?.body as string)).toEqual({
      userName: 'dave',
      password: 'long enough now',
      role: 'Moderator',
      displayName: null,
    });
  });
});
