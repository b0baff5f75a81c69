import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminLounge, AdminRoom } from '../api/adminLounges.ts';
import { SessionProvider } from '../session/SessionContext.tsx';
import { problem, signedIn, stubApi, type Handler } from '../test/fakeApi.ts';
import { AdminLoungesPage } from './AdminLoungesPage.tsx';

afterEach(cleanup);

const english: AdminRoom = {
  id: 'r1',
  loungeId: 'l1',
  slug: 'en',
  name: 'English',
  languageCode: 'en',
  topic: '<script>alert(1)</script>',
  sortOrder: 0,
  moderationMode: 'PostModerated',
  slowModeSeconds: 0,
  guestsCanRead: true,
  guestsCanWrite: false,
  archivedAt: null,
};

const main: AdminLounge = {
  id: 'l1',
  slug: 'main',
  name: 'Main',
  description: 'Everyone',
  sortOrder: 0,
  archivedAt: null,
  rooms: [english, { ...english, id: 'r2', slug: 'old', name: 'Old room', topic: null, archivedAt: '2025-01-01T00:00:00Z' }],
};
const attic: AdminLounge = { ...main, id: 'l2', slug: 'attic', name: 'Attic', description: null, archivedAt: '2025-01-01T00:00:00Z', rooms: [] };

async function renderPage(routes: Record<string, Handler> = {}) {
  const fetchMock = stubApi({ 'GET /api/admin/lounges': () => Response.json([main, attic]), ...routes });
  render(
    <SessionProvider session={await signedIn('Admin')}>
      <AdminLoungesPage />
    </SessionProvider>,
  );
  await screen.findByRole('region', { name: 'Main' });
  return fetchMock;
}

/** The body of the last write to `url`. */
const bodyOf = (fetchMock: Awaited<ReturnType<typeof renderPage>>, url: string) =>
  JSON.parse(fetchMock.mock.calls.filter(([u, init]) => u === url && init?.method !== 'GET').at(-1)?.[1]?.body as string) as unknown;

describe('Admin: Lounges', () => {
  it('lists lounges and rooms with archived ones marked, text as text', async () => {
    await renderPage();
    const mainSection = screen.getByRole('region', { name: 'Main' });
    const rooms = within(mainSection).getByRole('table');
    expect(within(rooms).getByText('<script>alert(1)</script>')).toBeTruthy();
    expect(within(rooms).getByRole('rowheader', { name: /^Old room archived/ })).toBeTruthy();
    expect(within(rooms).getByRole('rowheader', { name: /^English/ }).textContent).not.toContain('archived');
    expect(within(screen.getByRole('region', { name: 'Attic archived' })).getByText('No rooms in this lounge yet.')).toBeTruthy();
    expect(within(mainSection).getAllByText('read only')).toHaveLength(2);
  });

  it('creates a lounge, with the slug conflict shown at the slug', async () => {
    const answers = [
      problem(409, { title: 'Conflict', detail: 'A lounge with the slug "main" exists.' }),
      Response.json({ ...main, id: 'l3', slug: 'games', name: 'Games' }, { status: 201 }),
    ];
    const fetchMock = await renderPage({ 'POST /api/admin/lounges': () => answers.shift() ?? problem(500, {}) });
    const form = screen.getByRole('region', { name: 'Create a lounge' });

    fireEvent.change(within(form).getByLabelText('Slug'), { target: { value: 'Not A Slug' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create lounge' }));
    expect(within(form).getByLabelText('Slug').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Give the lounge a name.')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Slug'), { target: { value: 'main' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Games' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create lounge' }));
    expect(await within(form).findByText('A lounge with the slug "main" exists.')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Slug'), { target: { value: 'games' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create lounge' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Created Games.');
    });
    expect(bodyOf(fetchMock, '/api/admin/lounges')).toEqual({ slug: 'games', name: 'Games', description: '', sortOrder: 0 });
  });

  it('creates a room in a lounge from a dialog', async () => {
    const fetchMock = await renderPage({
      'POST /api/admin/lounges/l1/rooms': () => Response.json({ ...english, id: 'r9', name: 'Español' }, { status: 201 }),
    });
    fireEvent.click(within(screen.getByRole('region', { name: 'Main' })).getByRole('button', { name: 'Add a room to Main' }));
    const dialog = screen.getByRole('dialog', { name: 'New room in Main' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Name'));
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Español' } });
    fireEvent.change(within(dialog).getByLabelText('Slug'), { target: { value: 'es' } });
    fireEvent.change(within(dialog).getByLabelText('Language code'), { target: { value: 'es' } });
    fireEvent.change(within(dialog).getByLabelText('Moderation'), { target: { value: 'PreModerated' } });
    fireEvent.change(within(dialog).getByLabelText('Slow mode (seconds)'), { target: { value: '10' } });
    fireEvent.click(within(dialog).getByLabelText('Guests can write'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create room' }));

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(screen.getByRole('status').textContent).toBe('Created Español in Main.');
    expect(bodyOf(fetchMock, '/api/admin/lounges/l1/rooms')).toEqual({
      name: 'Español',
      slug: 'es',
      languageCode: 'es',
      topic: '',
      sortOrder: 0,
      moderationMode: 'PreModerated',
      slowModeSeconds: 10,
      guestsCanRead: true,
      guestsCanWrite: true,
    });
  });

  it('edits a room’s settings and archives it; server field errors show at the field', async () => {
    const answers = [
      problem(400, { code: 'request.invalid', errors: { SlowModeSeconds: ['Slow mode (seconds) must be between 0 and 3600.'] } }),
      Response.json({ ...english, archivedAt: '2025-02-01T00:00:00Z' }),
    ];
    const fetchMock = await renderPage({ 'PATCH /api/admin/rooms/r1': () => answers.shift() ?? problem(500, {}) });
    const edit = within(screen.getByRole('region', { name: 'Main' })).getByRole('button', { name: 'Edit English' });
    edit.focus();
    fireEvent.click(edit);
    const dialog = screen.getByRole('dialog', { name: 'Edit English' });
    fireEvent.change(within(dialog).getByLabelText('Topic'), { target: { value: 'Hello' } });
    fireEvent.change(within(dialog).getByLabelText('Slow mode (seconds)'), { target: { value: '99999' } });
    fireEvent.click(within(dialog).getByLabelText(/^Archived/));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save room' }));

    const slow = within(dialog).getByLabelText('Slow mode (seconds)');
    await waitFor(() => {
      expect(slow.getAttribute('aria-invalid')).toBe('true');
    });
    expect(within(dialog).getByText('Slow mode (seconds) must be between 0 and 3600.')).toBeTruthy();

    fireEvent.change(slow, { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save room' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Saved English (archived).');
    });
    expect(document.activeElement).toBe(edit);
    const sent = fetchMock.mock.calls.filter(([u]) => u === '/api/admin/rooms/r1').map(([, init]) => JSON.parse(init?.body as string) as unknown);
    expect(sent[1]).toMatchObject({ topic: 'Hello', slowModeSeconds: 30, archived: true, moderationMode: 'PostModerated' });
  });

  it('archives and restores a lounge', async () => {
    const fetchMock = await renderPage({
      'PATCH /api/admin/lounges/l2': () => Response.json({ ...attic, archivedAt: null }),
    });
    fireEvent.click(within(screen.getByRole('region', { name: 'Attic archived' })).getByRole('button', { name: 'Restore lounge Attic' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Attic is open again.');
    });
    expect(bodyOf(fetchMock, '/api/admin/lounges/l2')).toEqual({ archived: false });
  });
});
