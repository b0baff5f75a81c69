import { Link } from 'react-router-dom';
import { ErrorCodes } from '../api/errorCodes.ts';
import type { Listing } from '../api/listings.ts';
import { ApiError, describeError } from '../api/problems.ts';
import type { User } from '../api/session.ts';
import { BuyerActions } from '../components/marketplace/BuyerActions.tsx';
import { ListingDetails } from '../components/marketplace/ListingDetails.tsx';
import { ListingGallery } from '../components/marketplace/ListingGallery.tsx';
import { RemoveListingAction } from '../components/marketplace/RemoveListingAction.tsx';
import { isEditable, SellerActions } from '../components/marketplace/SellerActions.tsx';
import { useListing } from '../components/marketplace/useListing.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { MARKETPLACE_PATH } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import '../styles/marketplace.css';

/** One listing: what it is, and what the person looking may do with it (buy, sell, moderate). */
export function ListingPage({ listingId }: { listingId: string }) {
  const { state, isModerator } = useSession();
  const listing = useListing(listingId);
  const me = state.status === 'signedIn' ? state.user : null;
  return (
    <>
      {/* The same heading from the start (navigation puts the keyboard on it); its text once the listing is here. */}
      <PageHeading>{listing.data?.title ?? 'Listing'}</PageHeading>
      {listing.data ? (
        <ListingView listing={listing.data} me={me} isModerator={isModerator} />
      ) : listing.isError && !listing.isFetching ? (
        <div role="alert" className="notice notice-error">
          <p>{describeFailure(listing.error)}</p>
          <p>
            <Link to={MARKETPLACE_PATH}>Back to the marketplace</Link>
          </p>
        </div>
      ) : (
        <p className="notice">Loading the listing…</p>
      )}
    </>
  );
}

function ListingView({ listing, me, isModerator }: { listing: Listing; me: User | null; isModerator: boolean }) {
  const isSeller = me !== null && listing.seller.id === me.id;
  return (
    <div className="listing-layout">
      <ListingGallery listing={listing} manage={isSeller && isEditable(listing)} />
      <div className="stack">
        <ListingDetails listing={listing} />
        {isSeller ? <SellerActions listing={listing} /> : <BuyerActions listing={listing} guest={me?.role === 'Guest'} />}
        {isModerator && <RemoveListingAction listing={listing} />}
      </div>
    </div>
  );
}

function describeFailure(error: unknown): string {
  if (error instanceof ApiError && (error.code === ErrorCodes.listingNotFound || error.status === 404)) {
    return 'This listing does not exist, or it is not on offer.';
  }
  return `Could not load the listing: ${describeError(error)}`;
}
