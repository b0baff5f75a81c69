import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../api/session.ts';
import { signedIn } from '../test/fakeApi.ts';
import { fakeConnection } from '../test/fakeHub.ts';
import { cy } from '../test/fixtures.ts';
import { listing, marketplaceApi, pageOf } from '../test/marketplace.ts';
import { fill, renderApp, user } from '../test/render.tsx';
import type { Handler } from '../test/server.ts';

const bike = listing();
const lamp = listing({ id: 'l2', title: '<b>Desk</b> lamp', category: 'home', priceMinor: 1_999, seller: cy, photoIds: ['ph1', 'ph2'] });
const book = listing({ id: 'l3', title: 'Cookbook', category: 'books', priceMinor: 800 });

/** The app at `path`, signed in as `role`; listings answered by `answer` (each browse request's query recorded). */
async function renderAt(path: string, answer: Handler, role: Role = 'User') {
  const api = marketplaceApi({
    'GET /api/marketplace/listings': answer,
    'GET /api/marketplace/photos/:id': () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/png' } }),
  });
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:photo');
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
  const session = await signedIn(role);
  renderApp({ session, connection: fakeConnection(session).connection, path });
  await screen.findByRole('heading', { level: 1, name: 'Marketplace' });
  return {
    browses: () => api.requests.filter((r) => r.path === '/api/marketplace/listings').map((r) => Object.fromEntries(r.url.searchParams)),
  };
}

async function results() {
  return screen.findByRole('list', { name: 'Listings' });
}

describe('marketplace', () => {
  it('shows what is on offer as cards: title linked, price, seller, status and the first photo', async () => {
    const { browses } = await renderAt('/marketplace', () => pageOf([bike, lamp]));

    const list = await results();
    const [first, second] = within(list).getAllByRole('listitem');
    if (!first || !second) throw new Error('Two listings expected.');
    expect(within(first).getByRole('link', { name: 'Road bike' }).getAttribute('href')).toBe('/marketplace/listings/l1');
    expect(first.textContent).toContain('€250.00');
    expect(first.textContent).toContain('Bob');
    expect(first.textContent).toContain('Sports');
    expect(first.textContent).toContain('On offer');
    expect(first.querySelector('img')).toBeNull();

    // Markup in a title is text; the first photo comes through an object URL (the Api needs the token).
    expect(within(second).getByRole('link', { name: '<b>Desk</b> lamp' })).toBeTruthy();
    expect(second.querySelector('b')).toBeNull();
    expect(second.textContent).toContain('€19.99');
    await waitFor(() => {
      expect(second.querySelector('img')?.getAttribute('src')).toBe('blob:photo');
    });
    expect(second.querySelectorAll('img')).toHaveLength(1);

    expect(screen.getByRole('status').textContent).toBe('Showing 2 listings.');
    expect(browses()).toEqual([{ limit: '20' }]);
    expect(document.title).toBe('Marketplace · ChatRoom');
    const nav = within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Marketplace' });
    expect(nav.getAttribute('aria-current')).toBe('page');
  });

  it('searches with the address: words, category and prices (typed in euros, asked in cents)', async () => {
    const { browses } = await renderAt('/marketplace', ({ url }) => pageOf(url.searchParams.has('q') ? [book] : [bike, book]));
    await results();

    await fill(screen.getByRole('textbox', { name: 'Search listings' }), 'cook');
    await fill(screen.getByRole('combobox', { name: 'Category' }), 'Books');
    await fill(screen.getByRole('textbox', { name: 'Min price' }), '5');
    await fill(screen.getByRole('textbox', { name: 'Max price' }), '12,50');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    await waitFor(() => {
      expect(within(screen.getByRole('list', { name: 'Listings' })).getAllByRole('listitem')).toHaveLength(1);
    });
    expect(new URLSearchParams(window.location.search).toString()).toBe('q=cook&category=books&min=5&max=12%2C50');
    expect(browses().at(-1)).toEqual({ q: 'cook', category: 'books', minPrice: '500', maxPrice: '1250', limit: '20' });

    window.history.back();
    await waitFor(() => {
      expect(within(screen.getByRole('list', { name: 'Listings' })).getAllByRole('listitem')).toHaveLength(2);
    });
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Search listings' }).value).toBe('');
  });

  it('runs the search in the address on load', async () => {
    const { browses } = await renderAt('/marketplace?q=bike&category=sports&max=300', () => pageOf([bike]));

    await results();
    expect(browses()).toEqual([{ q: 'bike', category: 'sports', maxPrice: '30000', limit: '20' }]);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Search listings' }).value).toBe('bike');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Max price' }).value).toBe('300');
    await waitFor(() => {
      expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Category' }).value).toBe('sports');
    });
  });

  it('refuses a price that is not an amount, next to its field', async () => {
    const { browses } = await renderAt('/marketplace', () => pageOf([bike]));
    await results();

    await fill(screen.getByRole('textbox', { name: 'Min price' }), 'ten');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    const min = screen.getByRole('textbox', { name: 'Min price' });
    expect(min.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => {
      expect(document.activeElement).toBe(min);
    });
    expect(screen.getByText('Enter an amount such as 12.50, or leave it empty.')).toBeTruthy();
    expect(browses()).toHaveLength(1);
    expect(window.location.search).toBe('');
  });

  it('loads more from the next cursor, and moves the keyboard to the first new listing', async () => {
    const { browses } = await renderAt('/marketplace', ({ url }) =>
      url.searchParams.get('cursor') === 'next' ? pageOf([book]) : pageOf([bike, lamp], 'next'),
    );
    await results();

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    const cookbook = await screen.findByRole('link', { name: 'Cookbook' });
    await waitFor(() => {
      expect(document.activeElement).toBe(cookbook);
    });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(browses()).toEqual([{ limit: '20' }, { cursor: 'next', limit: '20' }]);
  });

  it('links to selling, the user’s listings and orders', async () => {
    await renderAt('/marketplace', () => pageOf([]));
    const links = screen.getByRole('navigation', { name: 'Marketplace' });
    expect(within(links).getByRole('link', { name: 'Sell something' }).getAttribute('href')).toBe('/marketplace/new');
    expect(within(links).getByRole('link', { name: 'My listings' }).getAttribute('href')).toBe('/marketplace/mine');
    expect(within(links).getByRole('link', { name: 'Purchases and sales' }).getAttribute('href')).toBe('/marketplace/orders');
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('No listings match.');
    });
  });

  it('opens a listing from its card, and the user’s other marketplace pages by their addresses', async () => {
    marketplaceApi({
      'GET /api/marketplace/listings/l1': () => Response.json(bike),
      'GET /api/me/purchases': () => pageOf([]),
    });
    await renderAt('/marketplace', () => pageOf([bike]));

    await user.click(within(await results()).getByRole('link', { name: 'Road bike' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Road bike' });
    expect(window.location.pathname).toBe('/marketplace/listings/l1');
    expect(screen.getByRole('button', { name: 'Buy now' })).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Marketplace' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => {
      expect(document.activeElement).toBe(heading);
    });

    await user.click(screen.getByRole('link', { name: 'Marketplace' }));
    await user.click(await screen.findByRole('link', { name: 'Purchases and sales' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Purchases and sales' })).toBeTruthy();
    expect(document.title).toBe('Purchases and sales · ChatRoom');
  });

  it('keeps the marketplace’s administration to admins', async () => {
    const session = await signedIn('Moderator');
    renderApp({ session, connection: fakeConnection(session).connection, path: '/admin/marketplace' });

    expect(screen.getByRole('heading', { level: 1, name: 'Admins only' })).toBeTruthy();
  });

  it('offers a guest no selling, but says what registering gives', async () => {
    await renderAt('/marketplace', () => pageOf([bike]), 'Guest');

    expect(screen.queryByRole('link', { name: 'Sell something' })).toBeNull();
    expect(screen.getByText(/Registering this account lets you buy and sell/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Register this account' }).getAttribute('href')).toBe('/profile');
  });
});
