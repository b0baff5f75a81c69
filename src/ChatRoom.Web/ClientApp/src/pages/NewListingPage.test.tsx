import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../api/session.ts';
import { problem, signedIn } from '../test/fakeApi.ts';
import { listing, marketplaceApi } from '../test/marketplace.ts';
import { describedText, fill, renderWithProviders, user } from '../test/render.tsx';
import type { Handler } from '../test/server.ts';
import { NewListingPage } from './NewListingPage.tsx';

async function renderPage(create: Handler, role: Role = 'User') {
  const api = marketplaceApi({ 'POST /api/marketplace/listings': create });
  const view = renderWithProviders(<NewListingPage />, { session: await signedIn(role), path: '/marketplace/new' });
  if (role !== 'Guest') await screen.findByRole('option', { name: 'Books' });
  return { ...view, api };
}

async function fillIn({ title = 'Road bike', description = 'Light.\nFast.', category = 'sports', price = '250' } = {}) {
  await fill(screen.getByRole('textbox', { name: 'Title' }), title);
  await fill(screen.getByRole('textbox', { name: 'Description' }), description);
  await fill(screen.getByRole('combobox', { name: 'Category' }), category);
  await fill(screen.getByRole('textbox', { name: 'Price' }), price);
  await user.click(screen.getByRole('button', { name: 'Create listing' }));
}

describe('new listing', () => {
  it('creates a draft with the price in cents and opens its page', async () => {
    const { api, location } = await renderPage(() => Response.json(listing({ id: 'l9', status: 'Draft' }), { status: 201 }));
    expect(screen.getByRole('heading', { level: 1, name: 'New listing' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Description' }).tagName).toBe('TEXTAREA');
    expect(describedText(screen.getByRole('textbox', { name: 'Price' }))).toContain('EUR');

    await fillIn({ price: '249,90' });

    await waitFor(() => {
      expect(location()).toBe('/marketplace/listings/l9');
    });
    expect(api.bodiesTo('/api/marketplace/listings')).toEqual([
      { title: 'Road bike', description: 'Light.\nFast.', category: 'sports', priceMinor: 24_990 },
    ]);
  });

  it('shows the server’s validation problems next to their fields', async () => {
    const { api } = await renderPage(() =>
      problem(400, {
        code: 'listing.invalid',
        title: 'One or more validation errors occurred.',
        errors: { title: ['A title of 1–120 characters is needed.'], priceMinor: ['priceMinor is the price in minor units of EUR, from 1 to 100000000.'] },
      }),
    );

    await fillIn({ title: ' ', price: '0' });

    const title = screen.getByRole('textbox', { name: 'Title' });
    await waitFor(() => {
      expect(title.getAttribute('aria-invalid')).toBe('true');
    });
    expect(describedText(title)).toContain('A title of 1–120 characters is needed.');
    expect(describedText(screen.getByRole('textbox', { name: 'Price' }))).toContain('priceMinor is the price in minor units of EUR');
    expect(screen.getByRole('combobox', { name: 'Category' }).getAttribute('aria-invalid')).toBeNull();
    await waitFor(() => {
      expect(document.activeElement).toBe(title);
    });
    expect(api.bodiesTo('/api/marketplace/listings')).toEqual([{ title: '', description: 'Light.\nFast.', category: 'sports', priceMinor: 0 }]);
  });

  it('checks the price is an amount before sending', async () => {
    const { api } = await renderPage(() => problem(500, {}));

    await fillIn({ price: '12.505' });

    const price = screen.getByRole('textbox', { name: 'Price' });
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(price)).toContain('Enter the price as an amount such as 12.50.');
    expect(api.bodiesTo('/api/marketplace/listings')).toEqual([]);
  });

  it('shows why a member without a verified phone cannot sell, and where to verify it', async () => {
    await renderPage(() => problem(403, { code: 'listing.phone_required', detail: 'Verify your phone number (in your profile) to sell.' }));

    await fillIn();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Verify your phone number (in your profile) to sell.');
    expect(within(alert).getByRole('link', { name: 'Verify your phone' }).getAttribute('href')).toBe('/profile');
  });

  it('tells a guest to register instead of offering the form', async () => {
    await renderPage(() => problem(500, {}), 'Guest');

    expect(screen.queryByRole('button', { name: 'Create listing' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Register this account' }).getAttribute('href')).toBe('/profile');
  });
});
