import { Link } from 'react-router-dom';
import { fetchMyPurchases, type Purchase } from '../../api/purchases.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { purchasePath } from '../../routing/paths.ts';
import { ErrorAlert } from '../Field.tsx';
import { usePagedList } from '../usePagedList.ts';
import { formatDateTime, PURCHASE_STATUS_LABELS } from './labels.ts';
import { formatMoney } from './money.ts';

/**
 * The user's purchases (`bought`: from whom) or sales (`sold`: to whom, with the platform's fee and what the seller
 * gets), newest first, each linked to its purchase's page.
 */
export function MyPurchasesTable({ side }: { side: 'bought' | 'sold' }) {
  const list = usePagedList(queryKeys.marketplace.purchases.mine(side), (cursor, signal) => fetchMyPurchases(side, cursor, undefined, { signal }));
  const sales = side === 'sold';
  const name = sales ? 'Sales' : 'Purchases';
  const columns = sales ? ['Listing', 'Buyer', 'Amount', 'Fee', 'You get', 'Status', 'Date'] : ['Listing', 'Seller', 'Amount', 'Status', 'Date'];
  return (
    <>
      <p role="status" className="status-line">
        {list.loading ? `Loading your ${name.toLowerCase()}…` : list.items?.length === 0 ? `No ${name.toLowerCase()} yet.` : ''}
      </p>
      <ErrorAlert message={list.error === null ? null : `Could not load your ${name.toLowerCase()}: ${list.error}`} />
      {list.items && list.items.length > 0 && (
        // Scrolls sideways on a phone; focusable so the keyboard can scroll it too.
        <div className="table-scroll" role="region" aria-label={name} tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{sales ? 'Your sales, newest first' : 'Your purchases, newest first'}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.items.map((purchase) => (
                <PurchaseRow key={purchase.id} purchase={purchase} sales={sales} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && (
        <button type="button" className="secondary load-more" aria-busy={list.loading} onClick={() => void list.loadMore()}>
          Load more
        </button>
      )}
    </>
  );
}

function PurchaseRow({ purchase, sales }: { purchase: Purchase; sales: boolean }) {
  const money = (minor: number) => formatMoney(minor, purchase.currency);
  return (
    <tr>
      <th scope="row" className="cell-text">
        <Link to={purchasePath(purchase.id)}>{purchase.listingTitle}</Link>
      </th>
      <td>{nameOf(sales ? purchase.buyer : purchase.seller)}</td>
      <td>{money(purchase.amountMinor)}</td>
      {sales && (
        <>
          <td>{money(purchase.feeMinor)}</td>
          <td>{money(purchase.amountMinor - purchase.feeMinor)}</td>
        </>
      )}
      <td>{PURCHASE_STATUS_LABELS[purchase.status]}</td>
      <td>
        <time dateTime={purchase.createdAt}>{formatDateTime(purchase.createdAt)}</time>
      </td>
    </tr>
  );
}
