import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Listing } from '../../api/listings.ts';
import { describeError } from '../../api/problems.ts';
import { ReportDialog } from '../chat/ReportDialog.tsx';
import { ErrorAlert } from '../Field.tsx';
import { useBuyListing } from './useBuyListing.ts';
import { useContactSeller } from './useContactSeller.ts';

/**
 * What someone other than the seller can do: buy (members, while it is on offer), talk to the seller (members, while
 * it is on offer or reserved) and report it. A guest is shown the way to register instead.
 */
export function BuyerActions({ listing, guest }: { listing: Listing; guest: boolean }) {
  const buying = useBuyListing(listing.id);
  const contacting = useContactSeller(listing);
  const [reporting, setReporting] = useState(false);
  const { status } = listing;
  const available = status === 'Listed' || status === 'Reserved';
  const error =
    buying.error !== null ? `Could not buy this: ${describeError(buying.error)}`
    : contacting.error !== null ? `Could not contact the seller: ${describeError(contacting.error)}`
    : null;

  return (
    <div className="stack listing-actions">
      <p role="status" className="status-line">
        {buying.isPending ? 'Holding it for you…' : buying.isSuccess ? 'Taking you to the payment…' : ''}
      </p>
      <ErrorAlert message={error} />
      {status === 'Reserved' && <p>Someone is buying this right now.</p>}
      <div className="row">
        {status === 'Listed' &&
          (guest ? (
            // The profile has the form that registers a guest in place.
            <Link to="/profile" className="button-link">
              Register to buy
            </Link>
          ) : (
            <button
              type="button"
              aria-busy={buying.isPending}
              onClick={() => {
                if (!buying.isPending) buying.mutate();
              }}
            >
              Buy now
            </button>
          ))}
        {available && !guest && (
          <button
            type="button"
            className="secondary"
            aria-busy={contacting.isPending}
            onClick={() => {
              if (!contacting.isPending) contacting.mutate();
            }}
          >
            Contact the seller
          </button>
        )}
        {(available || status === 'Sold') && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setReporting(true);
            }}
          >
            Report listing
          </button>
        )}
      </div>
      {reporting && (
        <ReportDialog
          subject={{ target: { listingId: listing.id }, description: 'this listing' }}
          onClose={() => {
            setReporting(false);
          }}
        />
      )}
    </div>
  );
}
