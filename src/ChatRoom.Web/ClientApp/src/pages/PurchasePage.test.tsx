import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../api/session.ts';
import { problem, signedIn } from '../test/fakeApi.ts';
import { purchase } from '../test/marketplace.ts';
import { renderWithProviders } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { PENDING_REFRESH_MS } from '../components/marketplace/usePurchase.ts';
import { PurchasePage } from './PurchasePage.tsx';

afterEach(() => {
  vi.useRealTimers();
});

async function renderPage(answer: Handler, role: Role = 'User') {
  const api = mockApi({ 'GET /api/marketplace/purchases/p1': answer });
  renderWithProviders(<PurchasePage purchaseId="p1" />, { session: await signedIn(role), path: '/marketplace/purchases/p1' });
  return api;
}

describe('a purchase', () => {
  it('waits for the payment, reading the purchase again every 2 s until it is paid', async () => {
    // Fake timers that still run: the 2 s between reads are skipped, the network and rendering go on as usual.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const answers = [purchase(), purchase(), purchase({ status: 'Paid', paidAt: '2025-01-02T10:05:00Z', checkoutUrl: null })];
    const api = await renderPage(() => Response.json(answers.length > 1 ? answers.shift() : answers[0]));

    expect((await screen.findByRole('status')).textContent).toBe('Awaiting payment');
    expect(screen.getByText('Waiting for the payment to be confirmed…')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Continue to payment' }).getAttribute('href')).toBe('https://checkout.example/session/cs_1');
    expect(screen.getByRole('link', { name: 'Road bike' }).getAttribute('href')).toBe('/marketplace/listings/l1');
    expect(screen.getByText('€250.00')).toBeTruthy();
    expect(screen.getByText('User Person (you)')).toBeTruthy();
    expect(api.requests).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(PENDING_REFRESH_MS);
    await waitFor(() => {
      expect(api.requests).toHaveLength(2);
    });
    expect(screen.getByRole('status').textContent).toBe('Awaiting payment');

    await vi.advanceTimersByTimeAsync(PENDING_REFRESH_MS);
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Paid');
    });
    expect(screen.queryByText('Waiting for the payment to be confirmed…')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Continue to payment' })).toBeNull();

    // Paid: no more reading.
    await vi.advanceTimersByTimeAsync(PENDING_REFRESH_MS * 3);
    expect(api.requests).toHaveLength(3);
  });

  it('shows a refund with its amount and reason', async () => {
    await renderPage(() =>
      Response.json(
        purchase({
          status: 'Refunded',
          checkoutUrl: null,
          paidAt: '2025-01-02T10:05:00Z',
          refundedMinor: 25_000,
          refundedAt: '2025-01-03T09:00:00Z',
          refundReason: 'Arrived <b>broken</b>',
        }),
      ),
    );

    expect((await screen.findByRole('status')).textContent).toBe('Refunded');
    const refunded = screen.getByText('Refunded', { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(refunded.textContent).toContain('€250.00');
    expect(screen.getByText('Arrived <b>broken</b>')).toBeTruthy();
    expect(document.querySelector('dd b')).toBeNull();
  });

  it('shows the seller the fee and what they get, without the buyer’s checkout', async () => {
    await renderPage(() => Response.json(purchase({ buyer: { id: 'id-ann', userName: 'ann', displayName: 'Ann', avatarUrl: null, role: 'User', phoneVerified: false }, seller: { id: 'id-user', userName: 'user', displayName: 'User Person', avatarUrl: null, role: 'User', phoneVerified: false } })));

    await screen.findByRole('status');
    const facts = screen.getByText('You get').closest('dl') as HTMLElement;
    expect(within(facts).getByText('€12.50')).toBeTruthy();
    expect(within(facts).getByText('€237.50')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Continue to payment' })).toBeNull();
  });

  it('says when there is no such purchase', async () => {
    await renderPage(() => problem(404, { code: 'purchase.not_found', detail: 'There is no purchase p1.' }));

    expect((await screen.findByRole('alert')).textContent).toContain('There is no such purchase, or it is not one of yours.');
  });
});
