import { Link } from 'react-router-dom';
import type { Listing } from '../../api/listings.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { listingPath } from '../../routing/paths.ts';
import { categoryLabel, LISTING_STATUS_LABELS } from './labels.ts';
import { ListingPhoto } from './ListingPhoto.tsx';
import { formatMoney } from './money.ts';

/** One listing in a list: its first photo, the title as the link to its page, price, seller, category and status. */
export function ListingCard({ listing }: { listing: Listing }) {
  const photo = listing.photoIds[0];
  return (
    <li className="listing-card">
      {photo === undefined ? (
        <span className="listing-thumb listing-photo-placeholder" aria-hidden="true" />
      ) : (
        <ListingPhoto photoId={photo} alt="" className="listing-thumb" />
      )}
      <div className="listing-card-body">
        <h2 className="listing-card-title">
          <Link to={listingPath(listing.id)}>
            {listing.title}
          </Link>
        </h2>
        <p className="listing-price">{formatMoney(listing.priceMinor, listing.currency)}</p>
        <p className="listing-card-meta">
          <span>
            <span className="visually-hidden">Seller: </span>
            {nameOf(listing.seller)}
          </span>
          <span aria-hidden="true">{' · '}</span>
          <span className="visually-hidden">, </span>
          <span>{categoryLabel(listing.category)}</span>
        </p>
        <p className="listing-card-meta">
          <span className={`badge listing-status listing-status-${listing.status.toLowerCase()}`}>{LISTING_STATUS_LABELS[listing.status]}</span>
        </p>
      </div>
    </li>
  );
}
