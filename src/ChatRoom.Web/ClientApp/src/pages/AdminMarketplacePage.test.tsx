import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LedgerTotal, Payable } from '../api/purchases.ts';
import { problem, signedIn } from '../test/fakeApi.ts';
import { bob, cy, dee } from '../test/fixtures.ts';
import { pageOf, purchase } from '../test/marketplace.ts';
import { describedText, fill, renderWithProviders, user } from '../test/render.tsx';
import { mockApi, type Handler } from '../test/server.ts';
import { AdminMarketplacePage } from './AdminMarketplacePage.tsx';

const paid = purchase({ id: 'p1', listingTitle: 'Road bike', buyer: cy, status: 'Paid', paidAt: '2025-01-02T10:05:00Z', checkoutUrl: null });
const pending = purchase({ id: 'p2', listingTitle: 'Lamp', buyer: dee, amountMinor: 2_000, feeMinor: 100 });
const ledger: LedgerTotal[] = [
  { account: 'platform_fees', currency: 'EUR', balanceMinor: -1_250 },
  { account: 'provider_clearing', currency: 'EUR', balanceMinor: 25_000 },
  { account: 'seller_payable', currency: 'EUR', balanceMinor: -23_750 },
];
const owedToBob: Payable = { seller: bob, currency: 'EUR', owedMinor: 23_750 };

async function renderPage(routes: Record<string, Handler> = {}) {
  const api = mockApi({
    'GET /api/admin/marketplace/ledger': () => Response.json(ledger),
    'GET /api/admin/marketplace/purchases': () => pageOf([paid, pending]),
    'GET /api/admin/marketplace/payables': () => Response.json([owedToBob]),
    ...routes,
  });
  renderWithProviders(<AdminMarketplacePage />, { session: await signedIn('Admin'), path: '/admin/marketplace' });
  await screen.findByRole('region', { name: 'Transactions table' });
  return api;
}

function rowOf(name: string) {
  return screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr') as HTMLElement;
}

function section(name: string) {
  return screen.getByRole('region', { name });
}

describe('Admin: Marketplace', () => {
  it('shows the ledger’s totals as held, earned and owed', async () => {
    await renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Marketplace administration' })).toBeTruthy();

    const totals = await within(section('Ledger')).findByText('Held by the payment provider');
    const facts = totals.closest('dl') as HTMLElement;
    const pairs = [...facts.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent ?? ''}`);
    expect(pairs).toEqual(['Held by the payment provider: €250.00', 'Platform fees earned: €12.50', 'Owed to sellers: €237.50']);
  });

  it('lists transactions, filters them by status, and offers a refund only for paid ones', async () => {
    const api = await renderPage();

    const paidRow = rowOf('Road bike');
    expect([...paidRow.querySelectorAll('td')].map((cell) => cell.textContent).slice(0, 5)).toEqual(['Cy', 'Bob', '€250.00', '€12.50', 'Paid']);
    expect(within(paidRow).getByRole('button', { name: 'Refund Road bike' })).toBeTruthy();
    expect(within(rowOf('Lamp')).getByText('Awaiting payment')).toBeTruthy();
    expect(within(rowOf('Lamp')).queryByRole('button')).toBeNull();

    await fill(screen.getByRole('combobox', { name: 'Status' }), 'Paid');

    await waitFor(() => {
      expect(api.urls()).toContain('/api/admin/marketplace/purchases?status=Paid&limit=20');
    });
    expect(api.urls()).toContain('/api/admin/marketplace/purchases?limit=20');
  });

  it('refunds with a reason, and the row shows the new status', async () => {
    const api = await renderPage({
      'POST /api/admin/marketplace/purchases/p1/refund': () =>
        Response.json({ ...paid, status: 'Refunded', refundedMinor: 25_000, refundedAt: '2025-01-03T09:00:00Z', refundReason: 'Never arrived' }),
    });

    await user.click(within(rowOf('Road bike')).getByRole('button', { name: 'Refund Road bike' }));
    const dialog = screen.getByRole('dialog', { name: 'Refund Road bike' });
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    expect(document.activeElement).toBe(reason);
    await fill(reason, 'Never arrived');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm refund' }));

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(within(rowOf('Road bike')).getByText('Refunded')).toBeTruthy();
    expect(within(rowOf('Road bike')).queryByRole('button', { name: 'Refund Road bike' })).toBeNull();
    expect(screen.getByText('Refund of Road bike: refunded.')).toBeTruthy();
    expect(api.bodiesTo('/api/admin/marketplace/purchases/p1/refund')).toEqual([{ reason: 'Never arrived' }]);
  });

  it('keeps the refund dialog open when the provider cannot be reached, to ask again', async () => {
    const answers = [
      problem(503, { code: 'payment.unavailable', detail: 'The payment provider could not take the refund. Ask again.' }),
      Response.json({ ...paid, status: 'RefundPending', refundReason: 'Never arrived' }),
    ];
    await renderPage({ 'POST /api/admin/marketplace/purchases/p1/refund': () => answers.shift() ?? problem(500, {}) });

    await user.click(screen.getByRole('button', { name: 'Refund Road bike' }));
    const dialog = screen.getByRole('dialog');
    await fill(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Never arrived');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm refund' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe('The payment provider could not take the refund. Ask again.');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm refund' }));

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(within(rowOf('Road bike')).getByText('Refund pending')).toBeTruthy();
  });

  it('records a payout in cents, prefilled with what is owed', async () => {
    let payables = [owedToBob];
    const api = await renderPage({
      'GET /api/admin/marketplace/payables': () => Response.json(payables),
      'POST /api/admin/marketplace/payables/id-bob/payouts': () => {
        payables = [{ ...owedToBob, owedMinor: 3_750 }];
        return Response.json(payables[0]);
      },
    });

    const payout = await within(section('Payables')).findByRole('button', { name: 'Record payout to bob' });
    expect(within(rowOf('Bob')).getByText('€237.50')).toBeTruthy();
    await user.click(payout);
    const dialog = screen.getByRole('dialog');
    const amount = within(dialog).getByRole<HTMLInputElement>('textbox', { name: 'Amount' });
    expect(amount.value).toBe('237.50');
    await fill(amount, '200');
    await fill(within(dialog).getByRole('textbox', { name: 'Reference' }), 'SEPA 2025-01-04');
    await user.click(within(dialog).getByRole('button', { name: 'Record payout' }));

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(within(rowOf('Bob')).getByText('€37.50')).toBeTruthy();
    expect(screen.getByText('Recorded a payout of €200.00 to Bob.')).toBeTruthy();
    expect(api.bodiesTo('/api/admin/marketplace/payables/id-bob/payouts')).toEqual([
      { amountMinor: 20_000, currency: 'EUR', reference: 'SEPA 2025-01-04' },
    ]);
  });

  it('shows a payout of more than is owed next to the amount', async () => {
    await renderPage({
      'POST /api/admin/marketplace/payables/id-bob/payouts': () =>
        problem(409, { code: 'payout.invalid', detail: 'Bob is owed €237.50, less than the payout.' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Record payout to bob' }));
    const amount = within(screen.getByRole('dialog')).getByRole('textbox', { name: 'Amount' });
    await fill(amount, '300');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Record payout' }));

    await waitFor(() => {
      expect(amount.getAttribute('aria-invalid')).toBe('true');
    });
    expect(describedText(amount)).toContain('Bob is owed €237.50, less than the payout.');
  });
});
