import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { signedIn } from '../test/fakeApi.ts';
import { bob, cy, me } from '../test/fixtures.ts';
import { listing, marketplaceApi, pageOf, purchase } from '../test/marketplace.ts';
import { renderWithProviders, user } from '../test/render.tsx';
import { MyListingsPage } from './MyListingsPage.tsx';
import { OrdersPage } from './OrdersPage.tsx';

const bought = purchase({ status: 'Paid', paidAt: '2025-01-02T10:05:00Z', checkoutUrl: null });
const sold = purchase({ id: 'p2', listingTitle: 'Lamp', buyer: cy, seller: me, amountMinor: 2_000, feeMinor: 100, status: 'Refunded' });

function rowOf(title: string) {
  return screen.getByRole('rowheader', { name: title }).closest('tr') as HTMLElement;
}

describe('purchases and sales', () => {
  it('shows purchases, then sales with the fee and what the seller gets, a tab each', async () => {
    const api = marketplaceApi({
      'GET /api/me/purchases': ({ url }) => (url.searchParams.get('cursor') === 'c2' ? pageOf([purchase({ id: 'p3', listingTitle: 'Cookbook' })]) : pageOf([bought], 'c2')),
      'GET /api/me/sales': () => pageOf([sold]),
    });
    renderWithProviders(<OrdersPage />, { session: await signedIn('User'), path: '/marketplace/orders' });

    expect(screen.getByRole('heading', { level: 1, name: 'Purchases and sales' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Purchases' }).getAttribute('aria-selected')).toBe('true');
    const purchases = await screen.findByRole('region', { name: 'Purchases' });
    const row = rowOf('Road bike');
    expect(within(row).getByRole('link', { name: 'Road bike' }).getAttribute('href')).toBe('/marketplace/purchases/p1');
    expect([...row.querySelectorAll('td')].map((cell) => cell.textContent).slice(0, 3)).toEqual([bob.displayName, '€250.00', 'Paid']);
    expect(row.querySelector('time')?.getAttribute('dateTime')).toBe('2025-01-02T10:00:00Z');
    expect(within(purchases).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Listing', 'Seller', 'Amount', 'Status', 'Date']);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('rowheader', { name: 'Cookbook' })).toBeTruthy();
    expect(within(rowOf('Cookbook')).getByText('Awaiting payment')).toBeTruthy();

    await user.click(screen.getByRole('tab', { name: 'Sales' }));

    const sales = await screen.findByRole('region', { name: 'Sales' });
    expect(within(sales).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Listing', 'Buyer', 'Amount', 'Fee', 'You get', 'Status', 'Date']);
    expect([...rowOf('Lamp').querySelectorAll('td')].map((cell) => cell.textContent).slice(0, 5)).toEqual(['Cy', '€20.00', '€1.00', '€19.00', 'Refunded']);
    expect(api.urls().filter((u) => u.startsWith('/api/me/'))).toEqual([
      '/api/me/purchases?limit=20',
      '/api/me/purchases?cursor=c2&limit=20',
      '/api/me/sales?limit=20',
    ]);
  });

  it('moves between the tabs with the arrow keys', async () => {
    marketplaceApi({ 'GET /api/me/purchases': () => pageOf([]), 'GET /api/me/sales': () => pageOf([]) });
    renderWithProviders(<OrdersPage />, { session: await signedIn('User') });
    expect(await screen.findByText('No purchases yet.')).toBeTruthy();

    screen.getByRole('tab', { name: 'Purchases' }).focus();
    await user.keyboard('{ArrowRight}');

    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Sales' }));
    expect(await screen.findByText('No sales yet.')).toBeTruthy();
  });
});

describe('my listings', () => {
  it('lists the user’s own listings with their status, each linked', async () => {
    const api = marketplaceApi({
      'GET /api/me/listings': () => pageOf([listing({ seller: me, status: 'Draft' }), listing({ id: 'l2', title: 'Lamp', seller: me, status: 'Withdrawn' })]),
    });
    renderWithProviders(<MyListingsPage />, { session: await signedIn('User') });

    const list = await screen.findByRole('list', { name: 'Your listings' });
    const [draft, withdrawn] = within(list).getAllByRole('listitem');
    expect(within(draft as HTMLElement).getByRole('link', { name: 'Road bike' }).getAttribute('href')).toBe('/marketplace/listings/l1');
    expect(draft?.textContent).toContain('Draft');
    expect(withdrawn?.textContent).toContain('Withdrawn');
    await waitFor(() => {
      expect(api.urls()).toContain('/api/me/listings?limit=20');
    });
  });
});
