import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { publishListing, updateListing, withdrawListing, type Listing, type ListingStatus } from '../../api/listings.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { Dialog } from '../Dialog.tsx';
import { ListingForm } from './ListingForm.tsx';
import { ListingProblem } from './ListingProblem.tsx';
import { useStoreListing } from './useListing.ts';

const EXPLANATIONS: Record<ListingStatus, string> = {
  Draft: 'A draft: only you can see it. Publish it to put it on offer.',
  Listed: 'On offer: everyone can see it, and members can buy it.',
  Reserved: 'Someone is paying for it right now: it is held for them until they have paid or their time runs out.',
  Sold: 'It has been sold. Your sales show what you get for it.',
  Withdrawn: 'Withdrawn: only you can see it. Publish it to offer it again.',
  Removed: 'A moderator removed it: only you and the moderators can see it.',
};

type Change = 'publish' | 'withdraw';

/** The seller's part of the page: what the status means, publish, withdraw and edit (while it can change). */
export function SellerActions({ listing }: { listing: Listing }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [line, setLine] = useState('');
  const [editing, setEditing] = useState(false);
  const storeListing = useStoreListing();
  const queryClient = useQueryClient();
  const { status } = listing;

  const change = useMutation({
    mutationFn: (action: Change) => (action === 'publish' ? publishListing(listing.id) : withdrawListing(listing.id)),
    onMutate: () => {
      setLine('');
    },
    onSuccess: (answer, action) => {
      storeListing(answer);
      setLine(action === 'publish' ? 'Your listing is on offer.' : 'Your listing is withdrawn.');
      // The button pressed may have gone with the status: the keyboard goes to the top of this part.
      heading.current?.focus();
    },
    onError: (error) => {
      // Changed meanwhile (a buyer reserved it, a moderator removed it): show it as it now is.
      if (error instanceof ApiError && error.code === ErrorCodes.listingWrongState) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.listing(listing.id) });
      }
    },
  });
  const busy = change.isPending;
  const error = change.error === null ? null : `Could not ${change.variables} the listing: ${describeError(change.error)}`;

  function run(action: Change) {
    if (!busy) change.mutate(action);
  }

  const close = () => {
    setEditing(false);
  };

  return (
    <section aria-labelledby={headingId} className="card stack listing-seller" aria-busy={busy}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Your listing
      </h2>
      <p>{EXPLANATIONS[status]}</p>
      <p role="status" className="status-line">
        {line}
      </p>
      <ListingProblem message={error} error={change.error} />
      <div className="row">
        {(status === 'Draft' || status === 'Withdrawn') && (
          <button type="button" onClick={() => {
              run('publish');
            }}>
            Publish
          </button>
        )}
        {(status === 'Draft' || status === 'Listed') && (
          <button type="button" className="secondary" onClick={() => {
              run('withdraw');
            }}>
            Withdraw
          </button>
        )}
        {isEditable(listing) && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setLine('');
              setEditing(true);
            }}
          >
            Edit
          </button>
        )}
      </div>
      {editing && (
        <Dialog title="Edit listing" onClose={close}>
          <ListingForm
            listing={listing}
            currency={listing.currency}
            submitLabel="Save changes"
            send={(draft) => updateListing(listing.id, draft)}
            onSaved={(saved) => {
              storeListing(saved);
              close();
              setLine('Saved your changes.');
            }}
          />
          <div className="dialog-cancel">
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

/** Its seller may change the text and photos of a draft, a listing on offer or a withdrawn one. */
export function isEditable(listing: Listing): boolean {
  return listing.status === 'Draft' || listing.status === 'Listed' || listing.status === 'Withdrawn';
}
