import { fetchListingPhoto } from '../../api/listings.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { usePrivateFileUrl } from '../usePrivateFileUrl.ts';

// The types the Api stores (judged by their bytes); anything else is kept as bytes nothing in the browser runs.
const SHOWN_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

async function loadPhoto(photoId: string, signal: AbortSignal): Promise<Blob> {
  const blob = await fetchListingPhoto(photoId, { signal });
  return blob.slice(0, blob.size, SHOWN_TYPES.has(blob.type) ? blob.type : 'application/octet-stream');
}

function explain(error: unknown): string {
  return error instanceof ApiError && error.status === 404 ? 'Photo no longer available' : `Could not load the photo: ${describeError(error)}`;
}

/**
 * A listing's photo through an object URL while it is on screen (the Api needs the token). `alt` empty for a
 * thumbnail beside the listing's title, which says what it shows.
 */
export function ListingPhoto({ photoId, alt, className }: { photoId: string; alt: string; className: string }) {
  const file = usePrivateFileUrl(photoId, (signal) => loadPhoto(photoId, signal), explain);
  if (file.kind === 'loading') return <span className={`${className} listing-photo-placeholder`} aria-hidden="true" />;
  if (file.kind === 'failed') return <span className={`${className} listing-photo-placeholder muted`}>{file.message}</span>;
  return <img src={file.url} alt={alt} className={className} />;
}
