import { useEffect, useState } from 'react';
import { MAX_REMOVAL_REASON_LENGTH, removeListing, type Listing } from '../../api/listings.ts';
import { Dialog } from '../Dialog.tsx';
import { ErrorAlert, TextAreaField } from '../Field.tsx';
import { useForm } from '../useForm.ts';
import { useStoreListing } from './useListing.ts';

const LABELS = { reason: 'Reason' };

/** A moderator takes a listing down (not one sold or removed already); its seller is told the reason. */
export function RemoveListingAction({ listing }: { listing: Listing }) {
  const [open, setOpen] = useState(false);
  const [line, setLine] = useState('');
  // The button that opened the dialog went with the removal: the keyboard goes to the top of the page.
  useEffect(() => {
    if (line !== '') document.getElementById('page-heading')?.focus();
  }, [line]);
  if (listing.status === 'Sold' || (listing.status === 'Removed' && line === '')) return null;
  return (
    <div className="stack listing-moderation">
      <p role="status" className="status-line">
        {line}
      </p>
      {listing.status !== 'Removed' && (
        <div>
          <button
            type="button"
            className="danger"
            onClick={() => {
              setLine('');
              setOpen(true);
            }}
          >
            Remove listing
          </button>
        </div>
      )}
      {open && (
        <RemoveListingDialog
          listing={listing}
          onClose={() => {
            setOpen(false);
          }}
          onRemoved={() => {
            setOpen(false);
            setLine('The listing is removed; its seller is told why.');
          }}
        />
      )}
    </div>
  );
}

function RemoveListingDialog({ listing, onClose, onRemoved }: { listing: Listing; onClose: () => void; onRemoved: () => void }) {
  const storeListing = useStoreListing();
  const { form, errors, busy, submit, bind } = useForm(
    { reason: '' },
    {
      labels: LABELS,
      validate: ({ reason }) => (reason.trim() === '' ? { reason: 'Say why: the seller is told.' } : {}),
      send: ({ reason }) => removeListing(listing.id, reason.trim()),
      onSuccess: (removed) => {
        storeListing(removed);
        onRemoved();
      },
    },
  );
  return (
    <Dialog title="Remove listing" onClose={onClose}>
      <form ref={form} className="stack" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorAlert message={errors.general} />
        <TextAreaField
          label="Reason"
          hint={`Up to ${String(MAX_REMOVAL_REASON_LENGTH)} characters; the seller sees it.`}
          rows={3}
          maxLength={MAX_REMOVAL_REASON_LENGTH}
          {...bind('reason')}
        />
        <div className="form-actions">
          <button type="submit" className="danger">
            Remove
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
