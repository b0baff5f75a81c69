import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { addListingPhoto, MAX_LISTING_PHOTOS, removeListingPhoto, type Listing } from '../../api/listings.ts';
import { describeError } from '../../api/problems.ts';
import { ErrorAlert } from '../Field.tsx';
import { ListingPhoto } from './ListingPhoto.tsx';
import { useStoreListing } from './useListing.ts';

const ACCEPTED = 'image/png,image/jpeg,image/gif,image/webp';

/**
 * The listing's photos, in order. With `manage` (its seller, while it can change): "Add photo" (until there are
 * six) and "Remove photo N" under each.
 */
export function ListingGallery({ listing, manage }: { listing: Listing; manage: boolean }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { photoIds, title } = listing;
  const photos = usePhotoChanges(listing.id, () => heading.current?.focus());
  if (photoIds.length === 0 && !manage) return null;
  return (
    <section aria-labelledby={headingId} className="stack listing-gallery">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Photos
      </h2>
      {manage && (
        <>
          <p role="status" className="status-line">
            {photos.status}
          </p>
          <ErrorAlert message={photos.error} />
        </>
      )}
      {photoIds.length === 0 ? (
        <p className="muted">No photos yet.</p>
      ) : (
        <ul className="listing-photos">
          {photoIds.map((photoId, index) => {
            const number = String(index + 1);
            return (
              <li key={photoId} className="listing-photo-item">
                <ListingPhoto photoId={photoId} alt={`Photo ${number} of ${title}`} className="listing-photo" />
                {manage && (
                  <button type="button" className="secondary" onClick={() => {
                      photos.remove(photoId);
                    }}>
                    Remove photo {number}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {manage && photoIds.length < MAX_LISTING_PHOTOS && <AddPhotoField onFile={photos.add} busy={photos.busy} left={MAX_LISTING_PHOTOS - photoIds.length} />}
    </section>
  );
}

function AddPhotoField({ onFile, busy, left }: { onFile: (file: File) => void; busy: boolean; left: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Add photo</label>
      <input
        id={id}
        type="file"
        accept={ACCEPTED}
        aria-describedby={`${id}-hint`}
        aria-busy={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // The same file chosen again (after removing it) must fire another change.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      <p id={`${id}-hint`} className="field-hint">
        A PNG, JPEG, GIF or WebP image; {left === 1 ? 'one more photo' : `up to ${String(left)} more photos`}.
      </p>
    </div>
  );
}

/** Adding and removing photos, one at a time, each answered with the listing as it now is. */
function usePhotoChanges(listingId: string, afterRemove: () => void) {
  const storeListing = useStoreListing();
  const [status, setStatus] = useState('');
  const change = useMutation({
    mutationFn: (action: { add: File } | { remove: string }) =>
      'add' in action ? addListingPhoto(listingId, action.add) : removeListingPhoto(listingId, action.remove),
    onMutate: (action) => {
      setStatus('add' in action ? 'Uploading the photo…' : '');
    },
    onSuccess: (listing, action) => {
      storeListing(listing);
      setStatus('add' in action ? 'Photo added.' : 'Photo removed.');
      // The button pressed went with its photo: the keyboard goes back to the top of the photos.
      if ('remove' in action) afterRemove();
    },
    onError: () => {
      setStatus('');
    },
  });
  const busy = change.isPending;
  return {
    status,
    busy,
    error: change.error === null ? null : `${'add' in change.variables ? 'Could not add the photo' : 'Could not remove the photo'}: ${describeError(change.error)}`,
    add: (file: File) => {
      if (!busy) change.mutate({ add: file });
    },
    remove: (photoId: string) => {
      if (!busy) change.mutate({ remove: photoId });
    },
  };
}
