import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AdminLounge, AdminRoom } from '../api/adminLounges.ts';
import { problem, signedIn } from '../test/fakeApi.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { AdminLoungesPage } from './AdminLoungesPage.tsx';

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
  requiresVerifiedPhone: false,
  adultsOnly: false,
  archivedAt: null,
};

const main: AdminLounge = {
  id: 'l1',
  slug: 'main',
  name: 'Main',
  description: 'Everyone',
  sortOrder: 0,
  requiresVerifiedPhone: false,
  adultsOnly: false,
  archivedAt: null,
  rooms: [english, { ...english, id: 'r2', slug: 'old', name: 'Old room', topic: null, archivedAt: '2025-01-01T00:00:00Z' }],
};
const attic: AdminLounge = { ...main, id: 'l2', slug: 'attic', name: 'Attic', description: null, archivedAt: '2025-01-01T00:00:00Z', rooms: [] };

async function renderPage(routes: Record<string, Handler> = {}) {
  const api = mockApi({ 'GET /api/admin/lounges': () => Response.json([main, attic]), ...routes });
  renderWithProviders(<AdminLoungesPage />, { session: await signedIn('Admin'), path: '/admin/lounges' });
  await screen.findByRole('region', { name: 'Main' });
  return api;
}

/** The body of the last write to `path`. */
const bodyOf = (api: Awaited<ReturnType<typeof renderPage>>, path: string) => api.bodiesTo(path).at(-1);

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
    const api = await renderPage({ 'POST /api/admin/lounges': () => answers.shift() ?? problem(500, {}) });
    const form = screen.getByRole('region', { name: 'Create a lounge' });

    await fill(within(form).getByLabelText('Slug'), 'Not A Slug');
    await user.click(within(form).getByRole('button', { name: 'Create lounge' }));
    expect(within(form).getByLabelText('Slug').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Give the lounge a name.')).toBeTruthy();

    await fill(within(form).getByLabelText('Slug'), 'main');
    await fill(within(form).getByLabelText('Name'), 'Games');
    await user.click(within(form).getByRole('button', { name: 'Create lounge' }));
    expect(await within(form).findByText('A lounge with the slug "main" exists.')).toBeTruthy();

    await fill(within(form).getByLabelText('Slug'), 'games');
    await user.click(within(form).getByRole('button', { name: 'Create lounge' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Created Games.');
    });
    expect(bodyOf(api, '/api/admin/lounges')).toEqual({
      slug: 'games',
      name: 'Games',
      description: '',
      sortOrder: 0,
      requiresVerifiedPhone: false,
      adultsOnly: false,
    });
  });

  it('creates a room in a lounge from a dialog', async () => {
    const api = await renderPage({
      'POST /api/admin/lounges/l1/rooms': () => Response.json({ ...english, id: 'r9', name: 'Español' }, { status: 201 }),
    });
    await user.click(within(screen.getByRole('region', { name: 'Main' })).getByRole('button', { name: 'Add a room to Main' }));
    const dialog = screen.getByRole('dialog', { name: 'New room in Main' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Name'));
    await fill(within(dialog).getByLabelText('Name'), 'Español');
    await fill(within(dialog).getByLabelText('Slug'), 'es');
    await fill(within(dialog).getByLabelText('Language code'), 'es');
    await fill(within(dialog).getByLabelText('Moderation'), 'PreModerated');
    await fill(within(dialog).getByLabelText('Slow mode (seconds)'), '10');
    await user.click(within(dialog).getByLabelText('Guests can write'));
    await user.click(within(dialog).getByLabelText(/Only members with a verified phone can write/));
    await user.click(within(dialog).getByRole('button', { name: 'Create room' }));

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(screen.getByRole('status').textContent).toBe('Created Español in Main.');
    expect(bodyOf(api, '/api/admin/lounges/l1/rooms')).toEqual({
      name: 'Español',
      slug: 'es',
      languageCode: 'es',
      topic: '',
      sortOrder: 0,
      moderationMode: 'PreModerated',
      slowModeSeconds: 10,
      guestsCanRead: true,
      guestsCanWrite: true,
      requiresVerifiedPhone: true,
      adultsOnly: false,
    });
  });

  it('edits a room’s settings and archives it; server field errors show at the field', async () => {
    const answers = [
      problem(400, { code: 'request.invalid', errors: { SlowModeSeconds: ['Slow mode (seconds) must be between 0 and 3600.'] } }),
      Response.json({ ...english, archivedAt: '2025-02-01T00:00:00Z' }),
    ];
    const api = await renderPage({ 'PATCH /api/admin/rooms/r1': () => answers.shift() ?? problem(500, {}) });
    const edit = within(screen.getByRole('region', { name: 'Main' })).getByRole('button', { name: 'Edit English' });
    edit.focus();
    await user.click(edit);
    const dialog = screen.getByRole('dialog', { name: 'Edit English' });
    await fill(within(dialog).getByLabelText('Topic'), 'Hello');
    await fill(within(dialog).getByLabelText('Slow mode (seconds)'), '99999');
    await user.click(within(dialog).getByLabelText(/^Archived/));
    await user.click(within(dialog).getByRole('button', { name: 'Save room' }));

    const slow = within(dialog).getByLabelText('Slow mode (seconds)');
    await waitFor(() => {
      expect(slow.getAttribute('aria-invalid')).toBe('true');
    });
    expect(within(dialog).getByText('Slow mode (seconds) must be between 0 and 3600.')).toBeTruthy();

    await fill(slow, '30');
    await user.click(within(dialog).getByRole('button', { name: 'Save room' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Saved English (archived).');
    });
    expect(document.activeElement).toBe(edit);
    const sent = api.bodiesTo('/api/admin/rooms/r1');
    expect(sent[1]).toMatchObject({ topic: 'Hello', slowModeSeconds: 30, archived: true, moderationMode: 'PostModerated' });
  });

  it('archives and restores a lounge', async () => {
    const api = await renderPage({
      'PATCH /api/admin/lounges/l2': () => Response.json({ ...attic, archivedAt: null }),
    });
    await user.click(within(screen.getByRole('region', { name: 'Attic archived' })).getByRole('button', { name: 'Restore lounge Attic' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Attic is open again.');
    });
    expect(bodyOf(api, '/api/admin/lounges/l2')).toEqual({ archived: false });
  });
});

describe('Admin: Lounges, 18+ and verified-phone rules', () => {
  it('sends the lounge-wide rules when creating and editing a lounge, and shows them', async () => {
    const answers = [
      Response.json({ ...main, id: 'l3', slug: 'late', name: 'Late night', adultsOnly: true }, { status: 201 }),
    ];
    const api = await renderPage({
      'POST /api/admin/lounges': () => answers.shift() ?? problem(500, {}),
      'PATCH /api/admin/lounges/l1': () => Response.json({ ...main, requiresVerifiedPhone: true, adultsOnly: true }),
    });
    const form = screen.getByRole('region', { name: 'Create a lounge' });
    await fill(within(form).getByLabelText('Slug'), 'late');
    await fill(within(form).getByLabelText('Name'), 'Late night');
    await user.click(within(form).getByRole('checkbox', { name: '18+ (age-verified members only)' }));
    await user.click(within(form).getByRole('button', { name: 'Create lounge' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Created Late night.');
    });
    expect(bodyOf(api, '/api/admin/lounges')).toMatchObject({ slug: 'late', requiresVerifiedPhone: false, adultsOnly: true });

    await user.click(screen.getByRole('button', { name: 'Edit lounge Main' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Main' });
    const phone = within(dialog).getByRole<HTMLInputElement>('checkbox', { name: 'Verified phone required in every room' });
    expect(phone.checked).toBe(false);
    await user.click(phone);
    await user.click(within(dialog).getByRole('checkbox', { name: '18+ (age-verified members only)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save lounge' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(bodyOf(api, '/api/admin/lounges/l1')).toEqual({
      name: 'Main',
      description: 'Everyone',
      sortOrder: 0,
      requiresVerifiedPhone: true,
      adultsOnly: true,
    });
  });

  it('makes a room 18+ and marks it in the table', async () => {
    const api = await renderPage({
      'GET /api/admin/lounges': () =>
        Response.json([{ ...main, adultsOnly: true, rooms: [{ ...english, adultsOnly: true }] }]),
      'POST /api/admin/lounges/l1/rooms': () => Response.json({ ...english, id: 'r9', name: 'Night', adultsOnly: true }, { status: 201 }),
      'PATCH /api/admin/rooms/r1': () => Response.json({ ...english, adultsOnly: false }),
    });
    const mainSection = screen.getByRole('region', { name: 'Main' });
    expect(within(mainSection).getByText('In every room: 18+ (age-verified members only).')).toBeTruthy();
    expect(within(mainSection).getByRole('rowheader', { name: /^English 18\+ \(age-verified members only\)/ })).toBeTruthy();

    await user.click(within(mainSection).getByRole('button', { name: 'Add a room to Main' }));
    const create = screen.getByRole('dialog', { name: 'New room in Main' });
    await fill(within(create).getByLabelText('Name'), 'Night');
    await fill(within(create).getByLabelText('Slug'), 'night');
    await fill(within(create).getByLabelText('Language code'), 'en');
    await user.click(within(create).getByRole('checkbox', { name: '18+ (age-verified members only)' }));
    await user.click(within(create).getByRole('button', { name: 'Create room' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(bodyOf(api, '/api/admin/lounges/l1/rooms')).toMatchObject({ slug: 'night', adultsOnly: true });

    await user.click(within(mainSection).getByRole('button', { name: 'Edit English' }));
    const edit = screen.getByRole('dialog', { name: 'Edit English' });
    const adults = within(edit).getByRole<HTMLInputElement>('checkbox', { name: '18+ (age-verified members only)' });
    expect(adults.checked).toBe(true);
    await user.click(adults);
    await user.click(within(edit).getByRole('button', { name: 'Save room' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(bodyOf(api, '/api/admin/rooms/r1')).toMatchObject({ adultsOnly: false, requiresVerifiedPhone: false });
  });
});
