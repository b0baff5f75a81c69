import { Link } from 'react-router-dom';
import type { Purchase } from '../../api/purchases.ts';
import { nameOf, type UserSummary } from '../../realtime/contracts.ts';
import { listingPath } from '../../routing/paths.ts';
import { isCheckoutUrl } from './checkout.ts';
import { formatDateTime, PURCHASE_STATUS_LABELS } from './labels.ts';
import { formatMoney } from './money.ts';

/**
 * A purchase as its buyer, seller or an admin sees it. The status is a live region: the page reads the purchase
 * again while the payment is awaited, and the change is announced.
 */
export function PurchaseDetails({ purchase, meId }: { purchase: Purchase; meId: string | null }) {
  const money = (minor: number) => formatMoney(minor, purchase.currency);
  const pending = purchase.status === 'Pending';
  const isBuyer = purchase.buyer.id === meId;
  const isSeller = purchase.seller.id === meId;
  const checkoutUrl = isBuyer && pending && purchase.checkoutUrl !== null && isCheckoutUrl(purchase.checkoutUrl) ? purchase.checkoutUrl : null;
  return (
    <div className="stack">
      <dl className="facts purchase-facts">
        <dt>Listing</dt>
        <dd>
          <Link to={listingPath(purchase.listingId)}>{purchase.listingTitle}</Link>
        </dd>
        <dt>Amount</dt>
        <dd>{money(purchase.amountMinor)}</dd>
        {/* The fee is the seller's (and the admins') business. */}
        {!isBuyer && (
          <>
            <dt>Fee</dt>
            <dd>{money(purchase.feeMinor)}</dd>
            <dt>{isSeller ? 'You get' : 'The seller gets'}</dt>
            <dd>{money(purchase.amountMinor - purchase.feeMinor)}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd>
          <span role="status" className="purchase-status">
            {PURCHASE_STATUS_LABELS[purchase.status]}
          </span>
        </dd>
        <dt>Buyer</dt>
        <dd>{person(purchase.buyer, meId)}</dd>
        <dt>Seller</dt>
        <dd>{person(purchase.seller, meId)}</dd>
        <dt>Started</dt>
        <dd>
          <Time at={purchase.createdAt} />
        </dd>
        {pending && (
          <>
            <dt>Held until</dt>
            <dd>
              <Time at={purchase.expiresAt} />
            </dd>
          </>
        )}
        {purchase.paidAt !== null && (
          <>
            <dt>Paid</dt>
            <dd>
              <Time at={purchase.paidAt} />
            </dd>
          </>
        )}
        {(purchase.status === 'Refunded' || purchase.status === 'RefundPending') && (
          <>
            <dt>Refunded</dt>
            <dd>
              {money(purchase.refundedMinor)}
              {purchase.refundedAt !== null && (
                <>
                  {' on '}
                  <Time at={purchase.refundedAt} />
                </>
              )}
            </dd>
            {purchase.refundReason !== null && (
              <>
                <dt>Refund reason</dt>
                <dd className="cell-text">{purchase.refundReason}</dd>
              </>
            )}
          </>
        )}
      </dl>
      {pending && (
        <div className="notice stack">
          <p>Waiting for the payment to be confirmed…</p>
          {checkoutUrl !== null && (
            <p>
              <a href={checkoutUrl}>Continue to payment</a>
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function person(user: UserSummary, meId: string | null): string {
  return user.id === meId ? `${nameOf(user)} (you)` : nameOf(user);
}

function Time({ at }: { at: string }) {
  return <time dateTime={at}>{formatDateTime(at)}</time>;
}
