import { Link } from 'react-router-dom';
import { ErrorCodes } from '../api/errorCodes.ts';
import { ApiError, describeError } from '../api/problems.ts';
import { PurchaseDetails } from '../components/marketplace/PurchaseDetails.tsx';
import { usePurchase } from '../components/marketplace/usePurchase.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ORDERS_PATH } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import '../styles/marketplace.css';

/** One purchase; where the payment provider sends the buyer back to, so it waits (and says so) for the payment. */
export function PurchasePage({ purchaseId }: { purchaseId: string }) {
  const { state } = useSession();
  const purchase = usePurchase(purchaseId);
  return (
    <>
      <PageHeading>Purchase</PageHeading>
      {purchase.data ? (
        <PurchaseDetails purchase={purchase.data} meId={state.status === 'signedIn' ? state.user.id : null} />
      ) : purchase.isError && !purchase.isFetching ? (
        <div role="alert" className="notice notice-error">
          <p>{describeFailure(purchase.error)}</p>
          {!isNotFound(purchase.error) && (
            <button type="button" onClick={() => void purchase.refetch()}>
              Try again
            </button>
          )}
        </div>
      ) : (
        <p className="notice">Loading the purchase…</p>
      )}
      <p>
        <Link to={ORDERS_PATH}>All your purchases and sales</Link>
      </p>
    </>
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.code === ErrorCodes.purchaseNotFound || error.status === 404);
}

function describeFailure(error: unknown): string {
  if (isNotFound(error)) return 'There is no such purchase, or it is not one of yours.';
  return `Could not load the purchase: ${describeError(error)}`;
}
