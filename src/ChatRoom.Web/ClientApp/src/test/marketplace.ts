// The marketplace's test data: listings and purchases as the Api sends them, and the categories it lists.
import type { Listing } from '../api/listings.ts';
import type { Purchase } from '../api/purchases.ts';
import { bob, me } from './fixtures.ts';
import { mockApi, type Handler } from './server.ts';

export const CATEGORIES = ['books', 'electronics', 'clothing', 'home', 'art', 'music', 'games', 'sports', 'services', 'other'];

/** A listing on offer by bob: "Road bike", €250.00, no photos. */
export function listing(overrides: Partial<Listing> = {}): Listing {
  return {
    id: 'l1',
    seller: bob,
    title: 'Road bike',
    description: 'Light and fast.\nNew tyres.',
    category: 'sports',
    priceMinor: 25_000,
    currency: 'EUR',
    status: 'Listed',
    createdAt: '2025-01-01T09:00:00Z',
    updatedAt: '2025-01-01T09:00:00Z',
    listedAt: '2025-01-01T09:30:00Z',
    removalReason: null,
    photoIds: [],
    ...overrides,
  };
}

/** `me` buying bob's road bike: €250.00 with a €12.50 fee, waiting for the payment. */
export function purchase(overrides: Partial<Purchase> = {}): Purchase {
  return {
    id: 'p1',
    listingId: 'l1',
    listingTitle: 'Road bike',
    buyer: me,
    seller: bob,
    amountMinor: 25_000,
    feeMinor: 1_250,
    currency: 'EUR',
    status: 'Pending',
    checkoutUrl: 'https://checkout.example/session/cs_1',
    createdAt: '2025-01-02T10:00:00Z',
    expiresAt: '2025-01-02T10:30:00Z',
    paidAt: null,
    refundedMinor: 0,
    refundedAt: null,
    refundReason: null,
    ...overrides,
  };
}

export const pageOf = (items: readonly object[], nextCursor: string | null = null) => Response.json({ items, nextCursor });

/** The marketplace's routes as given, with the categories answered. */
export function marketplaceApi(routes: Record<string, Handler> = {}) {
  return mockApi({ 'GET /api/marketplace/categories': () => Response.json(CATEGORIES), ...routes });
}
