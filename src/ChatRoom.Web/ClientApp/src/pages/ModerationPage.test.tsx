import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ModerationAction, QueuedMessage } from '../api/moderation.ts';
import type { Report } from '../api/reports.ts';
import type { UserSummary } from '../realtime/contracts.ts';
import { account, problem, signedIn } from '../test/fakeApi.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { ModerationPage } from './ModerationPage.tsx';

const ann: UserSummary = { id: 'id-ann', userName: 'ann', displayName: 'Ann', avatarUrl: null, role: 'User', phoneVerified: false };
const bob: UserSummary = { id: 'id-bob', userName: 'bob', displayName: 'Bob', avatarUrl: null, role: 'User', phoneVerified: false };

function report(id: string, overrides: Partial<Report> = {}): Report {
  return {
    id,
    reporter: ann,
    targetUser: null,
    targetMessage: { id: 'm1', roomId: 'r1', seq: 7, content: '<img src=x onerror=alert(1)> buy now', author: bob, deleted: false },
    reason: 'Spam',
    status: 'Open',
    createdAt: '2025-01-01T10:00:00Z',
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    ...overrides,
  };
}

const queued: QueuedMessage = {
  message: {
    id: 'm9',
    roomId: 'r2',
    seq: 3,
    changeSeq: 3,
    author: bob,
    content: 'may I post <b>this</b>?',
    status: 'Pending',
    clientMessageId: 'c9',
    createdAt: '2025-01-01T11:00:00Z',
    editedAt: null,
    deleted: false,
    replyCount: 0,
  },
  roomName: 'Deutsch',
  moderationNote: 'Contains a link',
};

const action: ModerationAction = {
  id: 'a1',
  kind: 'Warn',
  targetUser: bob,
  roomId: null,
  messageId: null,
  moderator: ann,
  reason: 'Be nice',
  createdAt: '2025-01-01T12:00:00Z',
  expiresAt: null,
  liftedAt: null,
};

async function renderPage(routes: Record<string, Handler>) {
  const api = mockApi({
    'GET /api/lounges': () =>
      Response.json([{ id: 'l1', name: 'Main', slug: 'main', description: null, rooms: [{ id: 'r1', name: 'English', slug: 'en', languageCode: 'en', topic: null }] }]),
    'GET /api/admin/moderation/actions': () => Response.json({ items: [], nextCursor: null }),
    'GET /api/admin/reports': () => Response.json({ items: [], nextCursor: null }),
    ...routes,
  });
  renderWithProviders(<ModerationPage />, { session: await signedIn('Moderator'), path: '/moderation' });
  return api;
}

describe('Moderation: reports', () => {
  it('lists open reports with the reported text as text, filters by status and pages on', async () => {
    const api = await renderPage({
      'GET /api/admin/reports': ({ url }) => {
        if (url.searchParams.get('status') === 'Resolved') {
          return Response.json({
            items: [report('rep3', { status: 'Resolved', resolvedAt: '2025-01-02T10:00:00Z', resolvedBy: ann, resolutionNote: 'Warned him' })],
            nextCursor: null,
          });
        }
        return url.searchParams.get('cursor') === 'c2'
          ? Response.json({ items: [report('rep2', { targetMessage: null, targetUser: bob, reason: 'Rude' })], nextCursor: null })
          : Response.json({ items: [report('rep1')], nextCursor: 'c2' });
      },
    });

    const list = await screen.findByRole('list', { name: 'Open reports, newest first' });
    expect(within(list).getByRole('heading', { name: 'Message by Bob' })).toBeTruthy();
    expect(within(list).getByText('<img src=x onerror=alert(1)> buy now')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Load more reports' }));
    expect(await within(list).findByRole('heading', { name: 'User Bob' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more reports' })).toBeNull();

    await fill(screen.getByLabelText('Show reports'), 'Resolved');
    const resolved = await screen.findByRole('list', { name: 'Resolved reports, newest first' });
    expect(within(resolved).getByText('Warned him')).toBeTruthy();
    expect(within(resolved).queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(api.urls().filter((u) => u.startsWith('/api/admin/reports'))).toEqual([
      '/api/admin/reports?status=Open&limit=25',
      '/api/admin/reports?status=Open&cursor=c2&limit=25',
      '/api/admin/reports?status=Resolved&limit=25',
    ]);
  });

  it('resolves with a note, and says so when someone else closed the report first', async () => {
    let items = [report('rep1'), report('rep2', { reason: 'Also spam' })];
    const api = await renderPage({
      'GET /api/admin/reports': () => Response.json({ items, nextCursor: null }),
      'POST /api/admin/reports/rep1/resolve': () => {
        items = items.filter((r) => r.id !== 'rep1');
        return Response.json(report('rep1', { status: 'Resolved' }));
      },
      'POST /api/admin/reports/rep2/dismiss': () => {
        items = [];
        return problem(409, { title: 'Conflict', detail: 'The report is already Resolved.' });
      },
    });
    const list = await screen.findByRole('list', { name: 'Open reports, newest first' });
    const first = within(list).getAllByRole('article')[0] as HTMLElement;
    await fill(within(first).getByLabelText('Note'), 'Deleted the spam');
    await user.click(within(first).getByRole('button', { name: 'Resolve' }));

    await waitFor(() => {
      expect(screen.getByText('Report resolved.')).toBeTruthy();
    });
    expect(within(list).getAllByRole('article')).toHaveLength(1);
    expect(api.bodiesTo('/api/admin/reports/rep1/resolve')[0]).toEqual({ note: 'Deleted the spam' });

    await user.click(within(list).getByRole('button', { name: 'Dismiss' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This report is no longer open: The report is already Resolved.');
    expect(await screen.findByText('No open reports.')).toBeTruthy();
  });

  it('names a reported listing, its status and a link to it', async () => {
    await renderPage({
      'GET /api/admin/reports': () =>
        Response.json({
          items: [report('rep4', { targetMessage: null, targetUser: bob, targetListing: { id: 'l1', title: 'Road <i>bike</i>', status: 'Listed' }, reason: 'Stolen' })],
          nextCursor: null,
        }),
    });

    const card = await screen.findByRole('article', { name: 'Listing by Bob' });
    const link = within(card).getByRole('link', { name: 'Road <i>bike</i>' });
    expect(link.getAttribute('href')).toBe('/marketplace/listings/l1');
    expect(link.closest('dd')?.textContent).toBe('Road <i>bike</i> (On offer)');
    expect(card.querySelector('i')).toBeNull();
    expect(within(card).getByRole('button', { name: 'Act on Bob' })).toBeTruthy();
  });

  it('takes a reported user to the actions form, filled in', async () => {
    await renderPage({ 'GET /api/admin/reports': () => Response.json({ items: [report('rep1')], nextCursor: null }) });
    await user.click(await screen.findByRole('button', { name: 'Act on Bob' }));

    const heading = screen.getByRole('heading', { name: 'Take an action' });
    await waitFor(() => {
      expect(document.activeElement).toBe(heading);
    });
    expect(screen.getByRole('tab', { name: 'Actions' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('User id').value).toBe('id-bob');
    expect(screen.getByText('Bob (@bob)')).toBeTruthy();
  });
});

describe('Moderation: pending messages', () => {
  it('approves and rejects with a reason, showing the text as text', async () => {
    const second = { ...queued, moderationNote: null, message: { ...queued.message, id: 'm10', author: ann, content: 'second' } };
    const api = await renderPage({
      'GET /api/admin/moderation/queue': () => Response.json({ items: [queued, second], nextCursor: null }),
      'POST /api/admin/moderation/messages/m9/approve': () => Response.json({ ...queued.message, status: 'Approved' }),
      'POST /api/admin/moderation/messages/m10/reject': () => Response.json({ ...second.message, status: 'Rejected' }),
    });
    await user.click(screen.getByRole('tab', { name: 'Pending messages' }));

    const list = await screen.findByRole('list', { name: 'Pending messages, oldest first' });
    expect(within(list).getByText('may I post <b>this</b>?')).toBeTruthy();
    expect(list.querySelector('b')).toBeNull();
    expect(within(list).getByText('Filter note: Contains a link')).toBeTruthy();
    expect(api.urls()).toContain('/api/admin/moderation/queue?limit=25');

    await user.click(within(list).getByRole('button', { name: 'Approve the message from Bob' }));
    await waitFor(() => {
      expect(screen.getByText('Approved the message from Bob.')).toBeTruthy();
    });
    const annItem = within(list).getByRole('article', { name: 'Message from Ann in Deutsch' });
    await fill(within(annItem).getByLabelText('Reason for rejecting'), 'Off topic');
    await user.click(within(annItem).getByRole('button', { name: 'Reject the message from Ann' }));
    expect(await screen.findByText('Rejected the message from Ann.')).toBeTruthy();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(api.bodiesTo('/api/admin/moderation/messages/m10/reject')[0]).toEqual({ reason: 'Off topic' });

    await fill(await screen.findByLabelText('Only room'), 'r1');
    await waitFor(() => {
      expect(api.urls()).toContain('/api/admin/moderation/queue?roomId=r1&limit=25');
    });
  });
});

describe('Moderation: actions', () => {
  it('checks each kind’s required fields before calling the Api', async () => {
    const api = await renderPage({ 'GET /api/admin/reports': () => Response.json({ items: [], nextCursor: null }) });
    await user.click(screen.getByRole('tab', { name: 'Actions' }));
    await fill(screen.getByLabelText('Action'), 'Mute');
    await fill(screen.getByLabelText('User id'), 'id-bob');
    await user.click(screen.getByRole('button', { name: 'Take action' }));

    const duration = screen.getByLabelText('Duration in minutes');
    expect(duration.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => {
      expect(document.activeElement).toBe(duration);
    });
    await fill(duration, '50000');
    await user.click(screen.getByRole('button', { name: 'Take action' }));
    expect(screen.getByText(/from 1 to 43200/)).toBeTruthy();

    await fill(screen.getByLabelText('Action'), 'Kick');
    await user.click(screen.getByRole('button', { name: 'Take action' }));
    expect(screen.getByText('Choose the room to kick the user from.')).toBeTruthy();
    expect(api.urls()).not.toContain('/api/admin/moderation/actions');
  });

  it('takes an action, shows it in the history, and shows a refusal', async () => {
    let history: ModerationAction[] = [];
    const answers = [
      () => {
        history = [{ ...action, kind: 'Kick', roomId: 'r1', reason: 'Flooding' }];
        return Response.json(history[0], { status: 201 });
      },
      () => problem(403, { title: 'Forbidden', detail: 'Moderators cannot act on admins.' }),
    ];
    const api = await renderPage({
      'GET /api/admin/reports': () => Response.json({ items: [], nextCursor: null }),
      'GET /api/admin/moderation/actions': () => Response.json({ items: history, nextCursor: null }),
      'POST /api/admin/moderation/actions': () => (answers.shift() ?? (() => problem(500, {})))(),
    });
    await user.click(screen.getByRole('tab', { name: 'Actions' }));
    expect(await screen.findByText('No moderation actions yet.')).toBeTruthy();

    await fill(screen.getByLabelText('Action'), 'Kick');
    await fill(screen.getByLabelText('User id'), ' id-bob ');
    await screen.findByRole('option', { name: 'English (en)' });
    await fill(screen.getByLabelText('Room'), 'r1');
    await fill(screen.getByLabelText('Reason'), 'Flooding');
    await user.click(screen.getByRole('button', { name: 'Take action' }));

    expect(await screen.findByText('Kicked Bob from the room.')).toBeTruthy();
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'Kick from a room' })).toBeTruthy();
    expect(within(table).getByText('Flooding')).toBeTruthy();
    expect(api.bodiesTo('/api/admin/moderation/actions')[0]).toEqual({ kind: 'Kick', userId: 'id-bob', roomId: 'r1', reason: 'Flooding' });
    expect(api.urls()).toContain('/api/admin/moderation/actions?userId=id-bob&limit=25');

    await fill(screen.getByLabelText('Action'), 'Warn');
    await fill(screen.getByLabelText('User id'), 'id-admin');
    await user.click(screen.getByRole('button', { name: 'Take action' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Moderators cannot act on admins.');
  });
  it('finds a user by name and acts on the chosen user', async () => {
    const dora = account('User', { id: 'id-dora', userName: 'dora', displayName: 'Dora D' });
    const doris = account('Moderator', { id: 'id-doris', userName: 'Doris', displayName: null });
    const api = await renderPage({
      'GET /api/admin/reports': () => Response.json({ items: [], nextCursor: null }),
      'GET /api/users': ({ url }) => {
        const search = (url.searchParams.get('search') ?? '').toLowerCase();
        return Response.json({ items: [dora, doris].filter((u) => u.userName.toLowerCase().startsWith(search)), nextCursor: null });
      },
      'POST /api/admin/moderation/actions': () => Response.json({ ...action, targetUser: dora }, { status: 201 }),
    });
    await user.click(screen.getByRole('tab', { name: 'Actions' }));

    const search = screen.getByRole('combobox', { name: 'User' });
    await fill(search, 'd');
    await fill(search, 'DO');
    const listbox = await screen.findByRole('listbox', { name: 'Matching users' });
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual(['Dora D (@dora) · User', 'Doris (@Doris) · Moderator']);
    expect(api.urls().filter((u) => u.startsWith('/api/users'))).toEqual(['/api/users?search=DO&limit=8']);

    await user.keyboard('{ArrowDown}');
    expect(search.getAttribute('aria-activedescendant')).toBe(within(listbox).getAllByRole('option')[0]?.id);
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('User id').value).toBe('id-dora');
    expect(screen.getByText('Dora D (@dora)')).toBeTruthy();

    await fill(screen.getByLabelText('Reason'), 'Be nice');
    await user.click(screen.getByRole('button', { name: 'Take action' }));
    expect(await screen.findByText('Warned Dora D.')).toBeTruthy();
    expect(api.bodiesTo('/api/admin/moderation/actions')[0]).toEqual({ kind: 'Warn', userId: 'id-dora', reason: 'Be nice' });
  });
});
