import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Listing } from '../api/listings.ts';
import type { Role } from '../api/session.ts';
import { checkout } from '../components/marketplace/checkout.ts';
import { problem, signedIn } from '../test/fakeApi.ts';
import { bob, conversation, me } from '../test/fixtures.ts';
import { listing, marketplaceApi, purchase } from '../test/marketplace.ts';
import { fill, renderWithProviders, user } from '../test/render.tsx';
import type { Handler } from '../test/server.ts';
import { ListingPage } from './ListingPage.tsx';

/** The page of listing l1 for `role`; GET answers each in turn from `shown` (the last one again and again). */
async function renderPage(shown: Listing[], role: Role = 'User', routes: Record<string, Handler> = {}) {
  const answers = [...shown];
  const api = marketplaceApi({
    'GET /api/marketplace/listings/l1': () => Response.json(answers.length > 1 ? answers.shift() : answers[0]),
    'GET /api/marketplace/photos/:id': () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/jpeg' } }),
    ...routes,
  });
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:photo');
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
  const view = renderWithProviders(<ListingPage listingId="l1" />, { session: await signedIn(role), path: '/marketplace/listings/l1' });
  await screen.findByRole('heading', { level: 1, name: shown[0]?.title ?? '' });
  return { ...view, api };
}

const mine = (overrides: Partial<Listing> = {}) => listing({ seller: me, ...overrides });

describe('a listing, for a buyer', () => {
  it('shows what it is: price, category, status, seller and the description as text with its line breaks', async () => {
    await renderPage([listing({ description: 'Light and <b>fast</b>.\nNew tyres.' })]);

    expect(screen.getByText('€250.00')).toBeTruthy();
    expect(screen.getByText('Sports')).toBeTruthy();
    expect(screen.getByText('On offer')).toBeTruthy();
    expect(screen.getByText('Bob')).toBeTruthy();
    const description = screen.getByText(/Light and/);
    expect(description.textContent).toBe('Light and <b>fast</b>.\nNew tyres.');
    expect(description.querySelector('b')).toBeNull();
    expect(screen.getByRole('button', { name: 'Buy now' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Contact the seller' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Report listing' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove listing' })).toBeNull();
  });

  it('buys: the purchase is started and the browser sent to the checkout', async () => {
    const open = vi.spyOn(checkout, 'open').mockImplementation(() => undefined);
    const { api } = await renderPage([listing()], 'User', {
      'POST /api/marketplace/listings/l1/purchase': () => Response.json(purchase(), { status: 201 }),
    });

    await user.click(screen.getByRole('button', { name: 'Buy now' }));

    await waitFor(() => {
      expect(open).toHaveBeenCalledWith('https://checkout.example/session/cs_1');
    });
    expect(open).toHaveBeenCalledTimes(1);
    expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/marketplace/listings/l1/purchase']);
    expect(screen.getByText('Taking you to the payment…')).toBeTruthy();
  });

  it('says so when someone else is buying it, and shows it reserved', async () => {
    const open = vi.spyOn(checkout, 'open').mockImplementation(() => undefined);
    await renderPage([listing(), listing({ status: 'Reserved' })], 'User', {
      'POST /api/marketplace/listings/l1/purchase': () =>
        problem(409, { code: 'purchase.unavailable', detail: 'Someone else is buying this listing right now.' }),
    });

    await user.click(screen.getByRole('button', { name: 'Buy now' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Could not buy this: Someone else is buying this listing right now.');
    expect(await screen.findByText('Someone is buying this right now.')).toBeTruthy();
    expect(screen.getByText('Reserved')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Buy now' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Contact the seller' })).toBeTruthy();
    expect(open).not.toHaveBeenCalled();
  });

  it('shows the refusal when payments are unavailable', async () => {
    await renderPage([listing()], 'User', {
      'POST /api/marketplace/listings/l1/purchase': () => problem(503, { code: 'payment.unavailable', detail: 'This installation takes no payments.' }),
    });

    await user.click(screen.getByRole('button', { name: 'Buy now' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Could not buy this: This installation takes no payments.');
    expect(screen.getByRole('button', { name: 'Buy now' })).toBeTruthy();
  });

  it('offers nothing to buy once sold, but still a report', async () => {
    await renderPage([listing({ status: 'Sold' })]);

    expect(screen.getByText('Sold')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Buy now' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Contact the seller' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Report listing' })).toBeTruthy();
  });

  it('opens the conversation with the seller, its box saying which listing the message is about', async () => {
    const { location, locationState } = await renderPage([listing()], 'User', {
      'POST /api/marketplace/listings/l1/contact': () => Response.json(conversation('c7', [bob]), { status: 201 }),
    });

    await user.click(screen.getByRole('button', { name: 'Contact the seller' }));

    await waitFor(() => {
      expect(location()).toBe('/conversations/c7');
    });
    expect(locationState()).toEqual({ draft: `About your listing “${listing().title}” (${window.location.origin}/marketplace/listings/l1): ` });
  });

  it('reports the listing with a reason', async () => {
    const { api } = await renderPage([listing()], 'User', {
      'POST /api/reports': () => Response.json({}, { status: 201 }),
    });

    await user.click(screen.getByRole('button', { name: 'Report listing' }));
    const dialog = screen.getByRole('dialog');
    await fill(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Stolen bike');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));

    expect(await within(dialog).findByText('Thank you. Your report is with the moderators.')).toBeTruthy();
    expect(api.bodiesTo('/api/reports')).toEqual([{ listingId: 'l1', reason: 'Stolen bike' }]);
  });

  it('offers a guest registering instead of buying', async () => {
    await renderPage([listing()], 'Guest');

    expect(screen.getByRole('link', { name: 'Register to buy' }).getAttribute('href')).toBe('/profile');
    expect(screen.queryByRole('button', { name: 'Buy now' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Contact the seller' })).toBeNull();
  });

  it('says when there is no such listing', async () => {
    marketplaceApi({ 'GET /api/marketplace/listings/l1': () => problem(404, { code: 'listing.not_found', detail: 'There is no listing l1 you may see.' }) });
    renderWithProviders(<ListingPage listingId="l1" />, { session: await signedIn('User') });

    expect((await screen.findByRole('alert')).textContent).toContain('This listing does not exist, or it is not on offer.');
    expect(screen.getByRole('link', { name: 'Back to the marketplace' }).getAttribute('href')).toBe('/marketplace');
  });
});

describe('a listing, for its seller', () => {
  it('offers publish and withdraw for a draft, not buying, and publishes', async () => {
    const { api } = await renderPage([mine({ status: 'Draft', listedAt: null })], 'User', {
      'POST /api/marketplace/listings/l1/publish': () => Response.json(mine()),
    });

    expect(screen.getByText('Draft')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Withdraw' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Buy now' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Contact the seller' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Report listing' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Publish' }));

    expect(await screen.findByText('Your listing is on offer.')).toBeTruthy();
    expect(screen.getByText('On offer')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Withdraw' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your listing' }));
    expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/marketplace/listings/l1/publish']);
  });

  it('withdraws a listing on offer, and offers to publish it again', async () => {
    await renderPage([mine()], 'User', {
      'POST /api/marketplace/listings/l1/withdraw': () => Response.json(mine({ status: 'Withdrawn' })),
    });
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Withdraw' }));

    expect(await screen.findByText('Your listing is withdrawn.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Publish' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull();
  });

  it('shows the way to verify the phone when publishing needs it', async () => {
    await renderPage([mine({ status: 'Draft' })], 'User', {
      'POST /api/marketplace/listings/l1/publish': () =>
        problem(403, { code: 'listing.phone_required', detail: 'Verify your phone number (in your profile) to sell.' }),
    });

    await user.click(screen.getByRole('button', { name: 'Publish' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Verify your phone number (in your profile) to sell.');
    expect(within(alert).getByRole('link', { name: 'Verify your phone' }).getAttribute('href')).toBe('/profile');
  });

  it('edits in the same form, the price typed in euros', async () => {
    const { api } = await renderPage([mine()], 'User', {
      'PUT /api/marketplace/listings/l1': () => Response.json(mine({ title: 'Road bike, 56 cm', priceMinor: 22_000 })),
    });

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit listing' });
    expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: 'Price' }).value).toBe('250.00');
    await fill(within(dialog).getByRole('textbox', { name: 'Title' }), 'Road bike, 56 cm');
    await fill(within(dialog).getByRole('textbox', { name: 'Price' }), '220');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Road bike, 56 cm' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('€220.00')).toBeTruthy();
    expect(screen.getByText('Saved your changes.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    expect(api.bodiesTo('/api/marketplace/listings/l1')).toEqual([
      { title: 'Road bike, 56 cm', description: 'Light and fast.\nNew tyres.', category: 'sports', priceMinor: 22_000 },
    ]);
  });

  it('adds and removes photos, up to six', async () => {
    const five = ['ph1', 'ph2', 'ph3', 'ph4', 'ph5'];
    const { api } = await renderPage([mine({ photoIds: five })], 'User', {
      'POST /api/marketplace/listings/l1/photos': () => Response.json(mine({ photoIds: [...five, 'ph6'] })),
      'DELETE /api/marketplace/listings/l1/photos/:photoId': () => Response.json(mine({ photoIds: ['ph1', 'ph3', 'ph4', 'ph5', 'ph6'] })),
    });
    expect(await screen.findByRole('img', { name: 'Photo 1 of Road bike' })).toBeTruthy();

    await user.upload(screen.getByLabelText<HTMLInputElement>('Add photo'), new File([new Uint8Array(64)], 'bike.jpg', { type: 'image/jpeg' }));

    expect(await screen.findByRole('button', { name: 'Remove photo 6' })).toBeTruthy();
    expect(screen.getByText('Photo added.')).toBeTruthy();
    expect(screen.queryByLabelText('Add photo')).toBeNull();
    expect(api.bodiesTo('/api/marketplace/listings/l1/photos')).toEqual([{ file: { type: 'image/jpeg', size: 64 } }]);

    await user.click(screen.getByRole('button', { name: 'Remove photo 2' }));

    await waitFor(() => {
      expect(screen.queryByRole('button', { name: 'Remove photo 6' })).toBeNull();
    });
    expect(screen.getByLabelText('Add photo')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/marketplace/listings/l1/photos/ph2']);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Photos' }));
  });

  it('shows a moderator’s removal with its reason', async () => {
    await renderPage([mine({ status: 'Removed', removalReason: 'Counterfeit goods' })]);

    expect(screen.getByText('Removed')).toBeTruthy();
    expect(screen.getByText('Counterfeit goods')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByLabelText('Add photo')).toBeNull();
  });
});

describe('a listing, for a moderator', () => {
  it('removes it with a reason', async () => {
    const { api } = await renderPage([listing()], 'Moderator', {
      'POST /api/marketplace/listings/l1/remove': () => Response.json(listing({ status: 'Removed', removalReason: 'Counterfeit goods' })),
    });

    await user.click(screen.getByRole('button', { name: 'Remove listing' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove listing' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(within(dialog).getByRole('textbox', { name: 'Reason' }).getAttribute('aria-invalid')).toBe('true');
    await fill(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Counterfeit goods');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await screen.findByText('The listing is removed; its seller is told why.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Road bike' }));
    expect(screen.getByText('Removed')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Buy now' })).toBeNull();
    expect(api.bodiesTo('/api/marketplace/listings/l1/remove')).toEqual([{ reason: 'Counterfeit goods' }]);
  });
});
