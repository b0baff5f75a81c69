import { Link } from 'react-router-dom';
import { fetchMyListings, type Listing } from '../api/listings.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { ErrorAlert } from '../components/Field.tsx';
import { ListingList } from '../components/marketplace/ListingList.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { usePagedList } from '../components/usePagedList.ts';
import { MARKETPLACE_PATH, NEW_LISTING_PATH } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import '../styles/marketplace.css';

/** The user's own listings, every status (drafts, withdrawn and removed ones too), newest first. */
export function MyListingsPage() {
  const { state } = useSession();
  const guest = state.status === 'signedIn' && state.user.role === 'Guest';
  const list = usePagedList(queryKeys.marketplace.mine, (cursor, signal) => fetchMyListings(cursor, undefined, { signal }));
  return (
    <>
      <PageHeading>My listings</PageHeading>
      <p className="row">
        {!guest && <Link to={NEW_LISTING_PATH}>Sell something</Link>}
        <Link to={MARKETPLACE_PATH}>Back to the marketplace</Link>
      </p>
      <p role="status" className="status-line">
        {describeList(list.items, list.loading)}
      </p>
      <ErrorAlert message={list.error === null ? null : `Could not load your listings: ${list.error}`} />
      <ListingList list={list} label="Your listings" />
    </>
  );
}

function describeList(items: readonly Listing[] | null, loading: boolean): string {
  if (loading) return 'Loading your listings…';
  if (items === null) return '';
  return items.length === 0 ? 'You have no listings yet.' : '';
}
