import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { blocksApi, signedIn } from '../test/fakeApi.ts';
import { bob, cy } from '../test/fixtures.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { mockApi } from '../test/server.ts';
import { ProfilePage } from './ProfilePage.tsx';

beforeEach(() => {
  mockApi({ 'GET /api/me/verification': () => Response.json({ status: 'None', ageVerified: false, submittedAt: null, reviewedAt: null, reason: null }) });
});

describe('the profile’s blocked people', () => {
  it('lists the people blocked and unblocks one without asking twice', async () => {
    const api = blocksApi([bob, cy]);
    renderWithProviders(<ProfilePage />, { session: await signedIn('User'), path: '/profile' });

    const section = screen.getByRole('region', { name: 'Blocked people' });
    const list = await within(section).findByRole('list', { name: 'Blocked people' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Bob @bob · since .+Unblock$/) as string,
      expect.stringMatching(/^Cy @cy · since .+Unblock$/) as string,
    ]);

    await user.click(within(list).getByRole('button', { name: 'Unblock Bob' }));

    await waitFor(() => {
      expect(within(section).getAllByRole('listitem')).toHaveLength(1);
    });
    const status = within(section).getByRole('status');
    expect(status.textContent).toBe('You unblocked Bob.');
    expect(document.activeElement).toBe(status);
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/me/blocks/id-bob']);

    await user.click(within(section).getByRole('button', { name: 'Unblock Cy' }));
    expect(await within(section).findByText(/You have not blocked anyone/)).toBeTruthy();
  });
});
