import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { IdentityReviewItem, VerificationStatus } from '../api/identity.ts';
import { problem, signedIn } from '../test/fakeApi.ts';
import { bob, me } from '../test/fixtures.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, sentRequests, type Handler } from '../test/server.ts';
import { READING_REFRESH_MS } from '../components/moderation/IdentityQueue.tsx';
import { ModerationPage } from './ModerationPage.tsx';

const ann = { ...me, id: 'id-ann', userName: 'ann', displayName: 'Ann' };

function item(id: string, overrides: Partial<IdentityReviewItem> = {}): IdentityReviewItem {
  return {
    id,
    user: bob,
    contentType: 'image/jpeg',
    sizeBytes: 2_400_000,
    submittedAt: '2026-12-01T09:00:00Z',
    status: 'Pending',
    read: true,
    unreadable: false,
    readNote: null,
    hintName: 'ROBERT EXAMPLE',
    hintDateOfBirth: '1990-05-17',
    hintAge: 36,
    hintDocumentNumber: '•••••4821',
    reviewedAt: null,
    reason: null,
    ...overrides,
  };
}

async function renderTab(routes: Record<string, Handler>) {
  const api = mockApi({ 'GET /api/admin/reports': () => Response.json({ items: [], nextCursor: null }), ...routes });
  renderWithProviders(<ModerationPage />, { session: await signedIn('Moderator'), path: '/moderation' });
  await user.click(screen.getByRole('tab', { name: 'Identity documents' }));
  const list = await screen.findByRole('list', { name: 'Identity documents, oldest first' });
  return { api, list, card: (name: string) => within(list).getByRole('article', { name: new RegExp(`^Document from ${name}`) }) };
}

describe('Moderation: identity documents', () => {
  it('looks again by itself while OCR reads a document, and shows the hints once it has', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let calls = 0;
      const { card } = await renderTab({
        'GET /api/admin/moderation/identity-documents': () => {
          calls += 1;
          const reading = { read: false, hintName: null, hintDateOfBirth: null, hintAge: null, hintDocumentNumber: null };
          return Response.json({ items: [calls === 1 ? item('d1', reading) : item('d1')], nextCursor: null });
        },
      });
      expect(within(card('Bob')).getByText('OCR still reading…')).toBeTruthy();

      await vi.advanceTimersByTimeAsync(READING_REFRESH_MS);

      await waitFor(() => { expect(within(card('Bob')).getByText('ROBERT EXAMPLE')).toBeTruthy(); });
      const settled = calls;
      await vi.advanceTimersByTimeAsync(READING_REFRESH_MS * 3);
      expect(calls).toBe(settled);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lists documents oldest first with what OCR read, and says when it has not read or could not read one', async () => {
    const { api, card } = await renderTab({
      'GET /api/admin/moderation/identity-documents': () =>
        Response.json({
          items: [
            item('d1'),
            item('d2', { user: ann, read: false, hintName: null, hintDateOfBirth: null, hintAge: null, hintDocumentNumber: null }),
            item('d3', { user: { ...bob, id: 'id-cy', userName: 'cy', displayName: 'Cy' }, unreadable: true, readNote: 'Too dark to read.', hintName: null }),
          ],
          nextCursor: null,
        }),
    });
    const first = card('Bob');
    expect(within(first).getByText('Name on document').nextElementSibling?.textContent).toBe('ROBERT EXAMPLE');
    expect(within(first).getByText('Date of birth').nextElementSibling?.textContent).toMatch(/1990.*\(age 36\)$/);
    expect(within(first).getByText('Document number').nextElementSibling?.textContent).toBe('•••••4821');
    expect(within(first).queryByText(/OCR/)).toBeNull();

    expect(within(card('Ann')).getByText('OCR still reading…')).toBeTruthy();
    const unreadable = card('Cy');
    expect(within(unreadable).getByText('Warning: OCR could not read it: check it yourself.')).toBeTruthy();
    expect(within(unreadable).getByText('Too dark to read.')).toBeTruthy();
    expect(api.urls()).toContain('/api/admin/moderation/identity-documents?limit=25');
  });

  it('shows a document only when asked, and lets go of its bytes when hidden', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValueOnce('blob:doc-1').mockReturnValueOnce('blob:doc-2');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const { api, card } = await renderTab({
      'GET /api/admin/moderation/identity-documents': () =>
        Response.json({ items: [item('d1'), item('d2', { user: ann, contentType: 'application/pdf' })], nextCursor: null }),
      'GET /api/admin/moderation/identity-documents/:id/file': () => new Response(new Uint8Array([1, 2, 3])),
    });
    expect(sentRequests.filter((r) => r.endsWith('/file'))).toEqual([]);

    const view = within(card('Bob')).getByRole('button', { name: 'View document' });
    await user.click(view);
    const image = await within(card('Bob')).findByRole<HTMLImageElement>('img', { name: 'Identity document of Bob' });
    expect(image.getAttribute('src')).toBe('blob:doc-1');
    expect(view.getAttribute('aria-expanded')).toBe('true');
    expect((created.mock.calls[0]?.[0] as Blob).type).toBe('image/jpeg');

    await user.click(within(card('Ann')).getByRole('button', { name: 'View document' }));
    const frame = await within(card('Ann')).findByTitle('Identity document of Ann');
    expect(frame.tagName).toBe('IFRAME');
    expect(within(card('Ann')).getByRole('link', { name: 'Open the PDF in a new tab' }).getAttribute('href')).toBe('blob:doc-2');

    await user.click(within(card('Bob')).getByRole('button', { name: 'Hide document' }));
    expect(within(card('Bob')).queryByRole('img')).toBeNull();
    expect(revoked).toHaveBeenCalledWith('blob:doc-1');
    expect(api.urls().filter((u) => u.endsWith('/file'))).toEqual([
      '/api/admin/moderation/identity-documents/d1/file',
      '/api/admin/moderation/identity-documents/d2/file',
    ]);
  });

  it('says why a document cannot be shown', async () => {
    const { card } = await renderTab({
      'GET /api/admin/moderation/identity-documents': () => Response.json({ items: [item('d1')], nextCursor: null }),
      'GET /api/admin/moderation/identity-documents/d1/file': () =>
        problem(410, { code: 'identity.document_deleted', detail: 'The file of identity document d1 was deleted after its retention period.' }),
    });
    await user.click(within(card('Bob')).getByRole('button', { name: 'View document' }));
    expect((await within(card('Bob')).findByRole('alert')).textContent).toBe(
      'The file was deleted after its retention period: there is nothing left to look at.',
    );
  });

  it('approves, and rejects only with a reason; each decided document leaves the list', async () => {
    let items = [item('d1'), item('d2', { user: ann })];
    const decided = (id: string, status: VerificationStatus) => {
      items = items.filter((i) => i.id !== id);
      return Response.json(item(id, { status, reviewedAt: '2026-12-01T12:00:00Z' }));
    };
    const { api, card } = await renderTab({
      'GET /api/admin/moderation/identity-documents': () => Response.json({ items, nextCursor: null }),
      'POST /api/admin/moderation/identity-documents/d1/approve': () => decided('d1', 'Approved'),
      'POST /api/admin/moderation/identity-documents/d2/reject': () => decided('d2', 'Rejected'),
    });

    await user.click(within(card('Bob')).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Approved the document from Bob.')).toBeTruthy();
    expect(screen.queryByRole('article', { name: /^Document from Bob/ })).toBeNull();

    const annCard = card('Ann');
    await user.click(within(annCard).getByRole('button', { name: 'Reject' }));
    const reason = within(annCard).getByLabelText('Reason');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(api.requests.filter((r) => r.path.endsWith('/reject'))).toHaveLength(0);

    await fill(reason, 'The date of birth is not readable.');
    await user.click(within(annCard).getByRole('button', { name: 'Reject' }));
    expect(await screen.findByText('Rejected the document from Ann.')).toBeTruthy();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(api.bodiesTo('/api/admin/moderation/identity-documents/d1/approve')).toEqual([{}]);
    expect(api.bodiesTo('/api/admin/moderation/identity-documents/d2/reject')).toEqual([{ reason: 'The date of birth is not readable.' }]);
  });

  it('drops a document another moderator decided first, and keeps one that is the moderator’s own', async () => {
    const { card } = await renderTab({
      'GET /api/admin/moderation/identity-documents': () => Response.json({ items: [item('d1'), item('d2', { user: ann })], nextCursor: null }),
      'POST /api/admin/moderation/identity-documents/d1/approve': () =>
        problem(409, { code: 'identity.decided', detail: 'This document was approved already.' }),
      'POST /api/admin/moderation/identity-documents/d2/approve': () =>
        problem(403, { code: 'identity.own_document', detail: 'Another moderator reviews your own document.' }),
    });

    await user.click(within(card('Bob')).getByRole('button', { name: 'Approve' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This document is no longer waiting: This document was approved already.');
    await waitFor(() => {
      expect(screen.queryByRole('article', { name: /^Document from Bob/ })).toBeNull();
    });

    await user.click(within(card('Ann')).getByRole('button', { name: 'Approve' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('This is your own document: another moderator reviews it.');
    });
    expect(card('Ann')).toBeTruthy();
  });
});
