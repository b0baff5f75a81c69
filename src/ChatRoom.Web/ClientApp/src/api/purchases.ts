// Buying a listing and what follows: the purchase (the listing held while the buyer pays at the provider's checkout),
// the user's purchases and sales, and the admins' view of the money (refunds, what sellers are owed, payouts, ledger).
import { api, getJson, type RequestOptions } from './client.ts';
import type { components } from './schema.gen.ts';
import type { Page } from './users.ts';

export const PURCHASE_STATUSES = ['Pending', 'Paid', 'Expired', 'Failed', 'RefundPending', 'Refunded'] as const;
/** Pending: the listing is held until `expiresAt` while the buyer pays; Failed: the checkout could not start. */
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

// The record carries the status as a string; the statuses are the ones above. Amounts in minor units of `currency`.
export type Purchase = Omit<components['schemas']['PurchaseResponse'], 'status'> & { status: PurchaseStatus };

/** What the platform owes one seller in one currency (negative: what the seller owes it after a refund). */
export type Payable = components['schemas']['PayableResponse'];

export const LEDGER_ACCOUNTS = ['provider_clearing', 'platform_fees', 'seller_payable'] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];
export type LedgerTotal = Omit<components['schemas']['LedgerAccountTotal'], 'account'> & { account: LedgerAccount };

export const PURCHASES_PAGE_SIZE = 20;
export const MAX_REFUND_REASON_LENGTH = 500;
export const MAX_PAYOUT_REFERENCE_LENGTH = 500;

/** Holds the listing for the buyer and starts the provider's checkout; the same one again for the same buyer. */
export function purchaseListing(listingId: string): Promise<Purchase> {
  return api.post<Purchase>(`/api/marketplace/listings/${encodeURIComponent(listingId)}/purchase`, {});
}

/** For its buyer, its seller and admins. */
export function fetchPurchase(id: string, options?: RequestOptions): Promise<Purchase> {
  return getJson<Purchase>(`/api/marketplace/purchases/${encodeURIComponent(id)}`, options);
}

/** The user's purchases (`bought`) or the purchases of the user's listings (`sold`), newest first. */
export function fetchMyPurchases(side: 'bought' | 'sold', cursor: string | null, limit = PURCHASES_PAGE_SIZE, options?: RequestOptions): Promise<Page<Purchase>> {
  return api.get<Page<Purchase>>(side === 'bought' ? '/api/me/purchases' : '/api/me/sales', { ...options, query: { cursor, limit } });
}

/** Every purchase (admins), newest first; null status for all. */
export function fetchAllPurchases(status: PurchaseStatus | null, cursor: string | null, limit = PURCHASES_PAGE_SIZE, options?: RequestOptions): Promise<Page<Purchase>> {
  return api.get<Page<Purchase>>('/api/admin/marketplace/purchases', { ...options, query: { status, cursor, limit } });
}

/** Gives a paid purchase's money back: RefundPending until the provider confirms (at once with the development one). */
export function refundPurchase(id: string, reason: string): Promise<Purchase> {
  const body: components['schemas']['RefundPurchaseRequest'] = { reason };
  return api.post<Purchase>(`/api/admin/marketplace/purchases/${encodeURIComponent(id)}/refund`, body);
}

export function fetchPayables(options?: RequestOptions): Promise<Payable[]> {
  return getJson<Payable[]>('/api/admin/marketplace/payables', options);
}

/** Records money paid to a seller outside the platform; answers what is still owed. */
export function recordPayout(sellerId: string, amountMinor: number, currency: string, reference: string | null): Promise<Payable> {
  const body: components['schemas']['PayoutRequest'] = { amountMinor, currency, reference };
  return api.post<Payable>(`/api/admin/marketplace/payables/${encodeURIComponent(sellerId)}/payouts`, body);
}

export function fetchLedger(options?: RequestOptions): Promise<LedgerTotal[]> {
  return getJson<LedgerTotal[]>('/api/admin/marketplace/ledger', options);
}
