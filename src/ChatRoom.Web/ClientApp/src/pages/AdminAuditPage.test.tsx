import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/audit.ts';
import { signedIn } from '../test/fakeApi.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { AdminAuditPage } from './AdminAuditPage.tsx';

const ACTOR = '0193a1b2-0000-7000-8000-000000000001';

function entry(id: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    action: 'user.role_change',
    entityType: 'user',
    entityId: `user-${id}`,
    actorId: ACTOR,
    actorName: 'admin',
    ipAddress: '127.0.0.1',
    createdAt: '2025-03-04T05:06:07Z',
    before: { Role: 'User' },
    after: { Role: 'Moderator' },
    metadata: null,
    ...overrides,
  };
}

describe('Admin: Audit', () => {
  it('shows the newest entries with before, after and metadata as preformatted text', async () => {
    mockApi({
      'GET /api/admin/audit': () =>
        Response.json({
          items: [entry('e2', { metadata: { note: '<script>alert(1)</script>' } }), entry('e1', { action: 'user.login' })],
          nextCursor: null,
        }),
    });
    renderWithProviders(<AdminAuditPage />, { session: await signedIn('Admin'), path: '/admin/audit' });

    const list = await screen.findByRole('list', { name: 'Audit entries, newest first' });
    const [newest, older] = within(list).getAllByRole('article');
    expect(within(list).getAllByRole('heading').map((h) => h.textContent)).toEqual(['user.role_change', 'user.login']);
    const blocks = [...(newest?.querySelectorAll('pre') ?? [])].map((pre) => pre.textContent);
    expect(blocks).toEqual([
      '{\n  "Role": "User"\n}',
      '{\n  "Role": "Moderator"\n}',
      '{\n  "note": "<script>alert(1)</script>"\n}',
    ]);
    expect(document.querySelector('script')).toBeNull();
    expect(older).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Showing all 2 entries.');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('sends the filters, with local times as instants', async () => {
    const api = mockApi({ 'GET /api/admin/audit': () => Response.json({ items: [], nextCursor: null }) });
    renderWithProviders(<AdminAuditPage />, { session: await signedIn('Admin'), path: '/admin/audit' });
    await screen.findByText('No audit entries match these filters.');

    await fill(screen.getByLabelText('Action'), 'user.delete');
    await fill(screen.getByLabelText('Actor ID'), ACTOR);
    await fill(screen.getByLabelText('Entity type'), 'user');
    await fill(screen.getByLabelText('Entity ID'), 'abc');
    await fill(screen.getByLabelText('From'), '2025-01-01T10:00');
    await fill(screen.getByLabelText('To'), '2025-01-02T10:00');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() => {
      expect(api.requests).toHaveLength(2);
    });
    const sent = api.requests[1]?.url.searchParams ?? new URLSearchParams();
    expect(Object.fromEntries(sent)).toEqual({
      action: 'user.delete',
      actorId: ACTOR,
      entityType: 'user',
      entityId: 'abc',
      from: new Date('2025-01-01T10:00').toISOString(),
      to: new Date('2025-01-02T10:00').toISOString(),
      limit: '50',
    });
  });

  it('explains a malformed actor id or time range next to the field instead of asking the server', async () => {
    const api = mockApi({ 'GET /api/admin/audit': () => Response.json({ items: [], nextCursor: null }) });
    renderWithProviders(<AdminAuditPage />, { session: await signedIn('Admin'), path: '/admin/audit' });
    await screen.findByText('No audit entries match these filters.');

    await fill(screen.getByLabelText('Actor ID'), 'admin');
    await fill(screen.getByLabelText('From'), '2025-02-01T00:00');
    await fill(screen.getByLabelText('To'), '2025-01-01T00:00');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(screen.getByLabelText('Actor ID').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests).toHaveLength(1);
  });

  it('loads older entries by cursor with the same filters and moves focus to the first new one', async () => {
    const api = mockApi({
      'GET /api/admin/audit': ({ url }) =>
        url.searchParams.get('cursor') === 'older'
          ? Response.json({ items: [entry('e1', { action: 'user.login' })], nextCursor: null })
          : Response.json({ items: [entry('e2')], nextCursor: 'older' }),
    });
    renderWithProviders(<AdminAuditPage />, { session: await signedIn('Admin'), path: '/admin/audit' });

    await user.click(await screen.findByRole('button', { name: 'Load more' }));

    const added = await screen.findByRole('heading', { name: 'user.login' });
    await waitFor(() => {
      expect(document.activeElement).toBe(added);
    });
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(api.urls()).toEqual(['/api/admin/audit?limit=50', '/api/admin/audit?cursor=older&limit=50']);
  });

  it('narrows the log to one actor from an entry', async () => {
    const api = mockApi({ 'GET /api/admin/audit': () => Response.json({ items: [entry('e1')], nextCursor: null }) });
    renderWithProviders(<AdminAuditPage />, { session: await signedIn('Admin'), path: '/admin/audit' });

    await user.click(await screen.findByRole('button', { name: 'Only this actor (admin)' }));

    await waitFor(() => {
      expect(api.urls()[1]).toBe(`/api/admin/audit?actorId=${ACTOR}&limit=50`);
    });
    expect(screen.getByLabelText<HTMLInputElement>('Actor ID').value).toBe(ACTOR);
  });
});
