import { useNavigate } from 'react-router-dom';
import { createListing } from '../api/listings.ts';
import { ListingForm } from '../components/marketplace/ListingForm.tsx';
import { GuestMarketplaceNotice } from '../components/marketplace/MarketplaceLinks.tsx';
import { useMarketplaceCurrency } from '../components/marketplace/useMarketplaceCurrency.ts';
import { useStoreListing } from '../components/marketplace/useListing.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { listingPath } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import '../styles/marketplace.css';

/** A new listing, saved as a draft; its page then offers to add photos and put it on offer. */
export function NewListingPage() {
  const { state } = useSession();
  const currency = useMarketplaceCurrency();
  const storeListing = useStoreListing();
  const navigate = useNavigate();
  const guest = state.status === 'signedIn' && state.user.role === 'Guest';
  return (
    <>
      <PageHeading>New listing</PageHeading>
      {guest ? (
        // The Api refuses guests: registering comes first.
        <GuestMarketplaceNotice />
      ) : (
        <>
          <p className="muted">It is saved as a draft: you can add photos and then put it on offer.</p>
          <ListingForm
            listing={null}
            currency={currency}
            submitLabel="Create listing"
            send={createListing}
            onSaved={(listing) => {
              storeListing(listing);
              void navigate(listingPath(listing.id));
            }}
          />
        </>
      )}
    </>
  );
}
