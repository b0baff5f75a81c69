// Where sign-in sends people and comes back to. Only paths inside this app: `next=//evil.example`,
// `next=/\evil.example` or `next=https://…` must not redirect away.

export function safeNext(value: string | null): string {
  return value !== null && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/';
}

/** The sign-in page, remembering the page asked for (the lounges need no reminder). */
export function signInPath({ pathname, search }: { pathname: string; search: string }): string {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return path === '/' ? '/signin' : `/signin?next=${encodeURIComponent(path + search)}`;
}

/** The profile's age verification section: where an 18+ room sends a member whose age is not verified. */
export const AGE_VERIFICATION_ID = 'age-verification';
export const AGE_VERIFICATION_PATH = `/profile#${AGE_VERIFICATION_ID}`;

/** Direct messages: the list, and one conversation (its id is a room id). */
export const CONVERSATIONS_PATH = '/conversations';
export function conversationPath(id: string): string {
  return `${CONVERSATIONS_PATH}/${encodeURIComponent(id)}`;
}

/** The signed-in user's mentions, direct messages and moderators' notices. */
export const NOTIFICATIONS_PATH = '/notifications';

/** Message search; the query and the room it is limited to live in the address, so back, forward and reload keep them. */
export const SEARCH_PATH = '/search';
export function searchPath(q: string, roomId: string | null = null): string {
  const params = new URLSearchParams();
  if (q !== '') params.set('q', q);
  if (roomId !== null) params.set('roomId', roomId);
  const query = params.toString();
  return query === '' ? SEARCH_PATH : `${SEARCH_PATH}?${query}`;
}

/**
 * The marketplace: what is on offer (its search in the address: `?q=…&category=…&min=…&max=…`, prices in major
 * units as typed), a new listing, the user's listings, purchases and sales, one listing and one purchase.
 */
export const MARKETPLACE_PATH = '/marketplace';
export const NEW_LISTING_PATH = `${MARKETPLACE_PATH}/new`;
export const MY_LISTINGS_PATH = `${MARKETPLACE_PATH}/mine`;
export const ORDERS_PATH = `${MARKETPLACE_PATH}/orders`;
export const ADMIN_MARKETPLACE_PATH = '/admin/marketplace';

export interface MarketplaceSearch {
  q: string;
  category: string;
  /** Prices in major units, as typed ("12.50"); empty for none. */
  min: string;
  max: string;
}

export function listingPath(id: string): string {
  return `${MARKETPLACE_PATH}/listings/${encodeURIComponent(id)}`;
}

/** Where the payment provider sends the buyer back to. */
export function purchasePath(id: string): string {
  return `${MARKETPLACE_PATH}/purchases/${encodeURIComponent(id)}`;
}
