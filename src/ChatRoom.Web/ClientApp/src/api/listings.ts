// The marketplace's listings (REST under /api/marketplace): browsing what is on offer, a seller's own listings and
// their life (draft, offer, withdraw, photos), a moderator's removal, and the conversation with a seller.
import { api, getJson, type RequestOptions } from './client.ts';
import type { Conversation } from './conversations.ts';
import type { components } from './schema.gen.ts';
import type { Page } from './users.ts';

export const LISTING_STATUSES = ['Draft', 'Listed', 'Reserved', 'Sold', 'Withdrawn', 'Removed'] as const;
/** Listed: on offer; Reserved: held while someone pays; Removed: taken down by a moderator. */
export type ListingStatus = (typeof LISTING_STATUSES)[number];

// The record carries the status as a string; the statuses are the ones above. Prices are in minor units of `currency`.
export type Listing = Omit<components['schemas']['ListingResponse'], 'status'> & { status: ListingStatus };

/** A new listing or a change (the whole listing); null where the person left a field empty (the server says why not). */
export type ListingDraft = components['schemas']['ListingRequest'];

/** At most this many photos per listing. */
export const MAX_LISTING_PHOTOS = 6;
export const MAX_TITLE_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_REMOVAL_REASON_LENGTH = 500;
export const LISTINGS_PAGE_SIZE = 20;

/** What is on offer: words, a category (empty for all) and a price range in minor units (null for open). */
export interface ListingFilters {
  q: string;
  category: string;
  minPrice: number | null;
  maxPrice: number | null;
}

/** The categories listings are filed under, as codes (`books`); the SPA shows them in its own words. */
export function fetchCategories(options?: RequestOptions): Promise<string[]> {
  return getJson<string[]>('/api/marketplace/categories', options);
}

/** Listings on offer matching the filters, newest first. */
export function browseListings(filters: ListingFilters, cursor: string | null, limit = LISTINGS_PAGE_SIZE, options?: RequestOptions): Promise<Page<Listing>> {
  const { q, category, minPrice, maxPrice } = filters;
  return api.get<Page<Listing>>('/api/marketplace/listings', { ...options, query: { q, category, minPrice, maxPrice, cursor, limit } });
}

/** The signed-in user's own listings, every status, newest first. */
export function fetchMyListings(cursor: string | null, limit = LISTINGS_PAGE_SIZE, options?: RequestOptions): Promise<Page<Listing>> {
  return api.get<Page<Listing>>('/api/me/listings', { ...options, query: { cursor, limit } });
}

function listingUrl(id: string): string {
  return `/api/marketplace/listings/${encodeURIComponent(id)}`;
}

export function fetchListing(id: string, options?: RequestOptions): Promise<Listing> {
  return getJson<Listing>(listingUrl(id), options);
}

/** A new draft: only members with a verified phone sell (listing.phone_required). */
export function createListing(draft: ListingDraft): Promise<Listing> {
  return api.post<Listing>('/api/marketplace/listings', draft);
}

export function updateListing(id: string, draft: ListingDraft): Promise<Listing> {
  return api.put<Listing>(listingUrl(id), draft);
}

/** Offers a draft or a withdrawn listing. */
export function publishListing(id: string): Promise<Listing> {
  return api.post<Listing>(`${listingUrl(id)}/publish`, {});
}

export function withdrawListing(id: string): Promise<Listing> {
  return api.post<Listing>(`${listingUrl(id)}/withdraw`, {});
}

export function addListingPhoto(id: string, file: File): Promise<Listing> {
  const form = new FormData();
  form.append('file', file);
  return api.postForm<Listing>(`${listingUrl(id)}/photos`, form);
}

export function removeListingPhoto(id: string, photoId: string): Promise<Listing> {
  return api.deleteWithAnswer<Listing>(`${listingUrl(id)}/photos/${encodeURIComponent(photoId)}`);
}

/** A photo's bytes (it needs the bearer token, so no `src` can reach it). */
export function fetchListingPhoto(photoId: string, options?: RequestOptions): Promise<Blob> {
  return api.getBlob(`/api/marketplace/photos/${encodeURIComponent(photoId)}`, options);
}

/** A moderator takes a listing down; the seller is told the reason. */
export function removeListing(id: string, reason: string): Promise<Listing> {
  const body: components['schemas']['RemoveListingRequest'] = { reason };
  return api.post<Listing>(`${listingUrl(id)}/remove`, body);
}

/** The direct conversation with the listing's seller: started, or the one there is. */
export function contactSeller(id: string): Promise<Conversation> {
  return api.post<Conversation>(`${listingUrl(id)}/contact`, {});
}
