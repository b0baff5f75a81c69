import type { Listing } from '../../api/listings.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { categoryLabel, formatDateTime, LISTING_STATUS_LABELS } from './labels.ts';
import { formatMoney } from './money.ts';

/** Price, category, status, seller and dates; the description as the seller wrote it (text, line breaks kept). */
export function ListingDetails({ listing }: { listing: Listing }) {
  return (
    <>
      <dl className="facts listing-facts">
        <dt>Price</dt>
        <dd className="listing-price">{formatMoney(listing.priceMinor, listing.currency)}</dd>
        <dt>Category</dt>
        <dd>{categoryLabel(listing.category)}</dd>
        <dt>Status</dt>
        <dd>{LISTING_STATUS_LABELS[listing.status]}</dd>
        <dt>Seller</dt>
        <dd>
          {nameOf(listing.seller)} <span className="muted">@{listing.seller.userName}</span>
        </dd>
        {listing.listedAt !== null && (
          <>
            <dt>Offered since</dt>
            <dd>
              <time dateTime={listing.listedAt}>{formatDateTime(listing.listedAt)}</time>
            </dd>
          </>
        )}
        {/* Only its seller and moderators are sent the reason. */}
        {listing.status === 'Removed' && listing.removalReason !== null && (
          <>
            <dt>Removal reason</dt>
            <dd className="cell-text">{listing.removalReason}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="listing-description-heading" className="stack">
        <h2 id="listing-description-heading">Description</h2>
        {listing.description.trim() === '' ? (
          <p className="muted">No description.</p>
        ) : (
          <p className="listing-description">{listing.description}</p>
        )}
      </section>
    </>
  );
}
