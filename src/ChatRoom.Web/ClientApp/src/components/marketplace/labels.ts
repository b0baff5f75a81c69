// The marketplace's codes in the SPA's words: categories, listing and purchase statuses, ledger accounts.
import type { ListingStatus } from '../../api/listings.ts';
import type { LedgerAccount, PurchaseStatus } from '../../api/purchases.ts';

const CATEGORY_LABELS: Partial<Record<string, string>> = {
  books: 'Books',
  electronics: 'Electronics',
  clothing: 'Clothing',
  home: 'Home',
  art: 'Art',
  music: 'Music',
  games: 'Games',
  sports: 'Sports',
  services: 'Services',
  other: 'Other',
};

/** A category the SPA does not know yet (added on the server) is shown as its code, capitalised. */
export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category.charAt(0).toUpperCase() + category.slice(1);
}

export const LISTING_STATUS_LABELS: Record<ListingStatus, string> = {
  Draft: 'Draft',
  Listed: 'On offer',
  Reserved: 'Reserved',
  Sold: 'Sold',
  Withdrawn: 'Withdrawn',
  Removed: 'Removed',
};

/** A status as a report (or anything else not typed as a listing) carries it: a string, the label when known. */
export function listingStatusLabel(status: string): string {
  return (LISTING_STATUS_LABELS as Partial<Record<string, string>>)[status] ?? status;
}

export const PURCHASE_STATUS_LABELS: Record<PurchaseStatus, string> = {
  Pending: 'Awaiting payment',
  Paid: 'Paid',
  Expired: 'Expired',
  Failed: 'Failed',
  RefundPending: 'Refund pending',
  Refunded: 'Refunded',
};

/** The ledger's accounts as an admin reads them; `sign` turns the balance into the amount shown (fees and payables are credits). */
export const LEDGER_ACCOUNT_LABELS: Record<LedgerAccount, { label: string; sign: 1 | -1 }> = {
  provider_clearing: { label: 'Held by the payment provider', sign: 1 },
  platform_fees: { label: 'Platform fees earned', sign: -1 },
  seller_payable: { label: 'Owed to sellers', sign: -1 },
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A time for people, in a <time> element's text (its dateTime attribute keeps the original). */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
