import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IdentityStatus } from '../api/identity.ts';
import { account, blocksApi, problem, signedIn } from '../test/fakeApi.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi, sentRequests, type Handler } from '../test/server.ts';
import { ProfilePage } from './ProfilePage.tsx';

// Every chat view (and the profile) reads the people the member blocked; none unless a test says otherwise.
beforeEach(() => {
  blocksApi();
});

const none: IdentityStatus = { status: 'None', ageVerified: false, submittedAt: null, reviewedAt: null, reason: null };
const pending: IdentityStatus = { ...none, status: 'Pending', submittedAt: '2026-12-01T10:00:00Z' };

function png(name = 'passport.png', size = 2048): File {
  return new File([new Uint8Array(size)], name, { type: 'image/png' });
}

async function renderPage(routes: Record<string, Handler>, who = account('User')) {
  const api = mockApi(routes);
  const session = await signedIn(who.role, 'token-1', who);
  renderWithProviders(<ProfilePage />, { session, path: '/profile' });
  const section = screen.getByRole('region', { name: 'Age verification' });
  return { api, session, section };
}

describe('Profile: age verification', () => {
  it('sends the chosen document as multipart form data and then says it waits for review', async () => {
    const { api, section } = await renderPage({
      'GET /api/me/verification': () => Response.json(none),
      'POST /api/me/verification': () => Response.json(pending, { status: 201 }),
    });
    expect(await within(section).findByText(/You have not sent an identity document yet/)).toBeTruthy();
    expect(within(section).getByText(/deleted after the review plus a retention period/)).toBeTruthy();

    const input = within(section).getByLabelText<HTMLInputElement>('Identity document');
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/jpeg,image/png,application/pdf');
    await user.upload(input, png());
    await user.click(within(section).getByRole('button', { name: 'Send document' }));

    expect(await within(section).findByText('Waiting for review.')).toBeTruthy();
    expect(within(section).queryByLabelText('Identity document')).toBeNull();
    await waitFor(() => {
      expect(document.activeElement?.textContent).toMatch(/^Waiting for review\./);
    });
    const sent = api.requests.find((r) => r.method === 'POST');
    expect(sent?.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.body).toEqual({ document: { type: 'image/png', size: 2048 } });
  });

  it('refuses a file over 10 MB before sending it, and asks for a file when none is chosen', async () => {
    const { section } = await renderPage({ 'GET /api/me/verification': () => Response.json(none) });
    const input = await within(section).findByLabelText<HTMLInputElement>('Identity document');

    await user.click(within(section).getByRole('button', { name: 'Send document' }));
    expect(within(section).getByText('Choose the file of your identity document.')).toBeTruthy();

    await user.upload(input, png('huge.png', 10 * 1024 * 1024 + 1));
    await user.click(within(section).getByRole('button', { name: 'Send document' }));

    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(section).getByText('The file is larger than 10 MB, the limit. Send a smaller photo or scan.')).toBeTruthy();
    await waitFor(() => {
      expect(document.activeElement).toBe(input);
    });
    expect(sentRequests).not.toContain('POST /api/me/verification');
  });

  it.each([
    ['identity.too_large', 413, 'The file is larger than 10 MB, the limit. Send a smaller photo or scan.'],
    ['identity.unsupported_type', 400, 'This file is not a JPEG, PNG or PDF. Send a photo or scan in one of those formats.'],
  ])('shows %s at the file field', async (code, status, words) => {
    const { section } = await renderPage({
      'GET /api/me/verification': () => Response.json(none),
      'POST /api/me/verification': () => problem(status, { code, detail: 'The server’s own words.' }),
    });
    const input = await within(section).findByLabelText('Identity document');
    await user.upload(input, png());
    await user.click(within(section).getByRole('button', { name: 'Send document' }));

    expect(await within(section).findByText(words)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(section).queryByText('The server’s own words.')).toBeNull();
  });

  it('says how long to wait after too many uploads', async () => {
    const { section } = await renderPage({
      'GET /api/me/verification': () => Response.json(none),
      'POST /api/me/verification': () =>
        problem(429, { code: 'identity.rate_limited', detail: 'You have sent 3 documents in the last 24 hours, the most allowed.', retryAfter: 7200 }),
    });
    await user.upload(await within(section).findByLabelText('Identity document'), png());
    await user.click(within(section).getByRole('button', { name: 'Send document' }));

    expect((await within(section).findByRole('alert')).textContent).toBe(
      'You have sent 3 documents in the last 24 hours, the most allowed. Try again in about 2 hours.',
    );
  });

  it('shows the status afresh when a document is already waiting', async () => {
    let status = none;
    const { api, section } = await renderPage({
      'GET /api/me/verification': () => Response.json(status),
      'POST /api/me/verification': () => {
        status = pending;
        return problem(409, { code: 'identity.pending', detail: 'A document of yours is waiting for review already.' });
      },
    });
    await user.upload(await within(section).findByLabelText('Identity document'), png());
    await user.click(within(section).getByRole('button', { name: 'Send document' }));

    expect(await within(section).findByText('Waiting for review.')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('shows a rejection with the moderator’s reason and lets the member send another document', async () => {
    const { section } = await renderPage({
      'GET /api/me/verification': () =>
        Response.json({ ...pending, status: 'Rejected', reviewedAt: '2026-12-01T11:00:00Z', reason: 'The photo is blurred.' }),
    });
    expect(await within(section).findByText(/was rejected/)).toBeTruthy();
    expect(within(section).getByText(/The photo is blurred\./)).toBeTruthy();
    expect(within(section).getByLabelText('Identity document')).toBeTruthy();
  });

  it('shows a verified age in the profile and offers no upload', async () => {
    const { section } = await renderPage(
      { 'GET /api/me/verification': () => Response.json({ ...pending, status: 'Approved', ageVerified: true }) },
      account('User', { ageVerified: true }),
    );
    expect(screen.getByText('Age verified')).toBeTruthy();
    expect(await within(section).findByText('Age verified.')).toBeTruthy();
    expect(within(section).queryByLabelText('Identity document')).toBeNull();
  });

  it('takes the keyboard to the age verification when opened from an 18+ room’s link', async () => {
    mockApi({ 'GET /api/me/verification': () => Response.json(none) });
    const session = await signedIn('User');
    renderWithProviders(<ProfilePage />, { session, path: '/profile#age-verification' });

    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Age verification' }));
    });
  });

  it('tells a guest to register first, without asking the server or offering an upload', async () => {
    const { section } = await renderPage({}, account('Guest'));
    expect(within(section).getByText(/Register this account first/)).toBeTruthy();
    expect(within(section).queryByLabelText('Identity document')).toBeNull();
    expect(sentRequests).not.toContain('GET /api/me/verification');
  });
});
