import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fetchAllPurchases, PURCHASE_STATUSES, type Purchase, type PurchaseStatus } from '../../../api/purchases.ts';
import { queryKeys } from '../../../api/queryKeys.ts';
import type { Page } from '../../../api/users.ts';
import { nameOf } from '../../../realtime/contracts.ts';
import { purchasePath } from '../../../routing/paths.ts';
import { ActionsCell, HeadWithActions } from '../../DataTable.tsx';
import { ErrorAlert, SelectField } from '../../Field.tsx';
import { formatDateTime, PURCHASE_STATUS_LABELS } from '../../marketplace/labels.ts';
import { formatMoney } from '../../marketplace/money.ts';
import { usePagedList } from '../../usePagedList.ts';
import { RefundDialog } from './RefundDialog.tsx';

/** Every purchase, newest first, filtered by status; a paid one can be refunded. */
export function TransactionsSection() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<PurchaseStatus | ''>('');
  const [line, setLine] = useState('');
  const [refunding, setRefunding] = useState<Purchase | null>(null);
  const key = queryKeys.marketplace.purchases.admin(status || null);
  const list = usePagedList(key, (cursor, signal) => fetchAllPurchases(status || null, cursor, undefined, { signal }));

  function refunded(purchase: Purchase) {
    setRefunding(null);
    setLine(`Refund of ${purchase.listingTitle}: ${PURCHASE_STATUS_LABELS[purchase.status].toLowerCase()}.`);
    // The row takes the server's answer at once; the other lists and the money load afresh.
    queryClient.setQueryData<InfiniteData<Page<Purchase>>>(key, (data) =>
      data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((p) => (p.id === purchase.id ? purchase : p)) })) },
    );
    queryClient.setQueryData(queryKeys.marketplace.purchases.one(purchase.id), purchase);
    void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.purchases.all, refetchType: 'none' });
    void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.ledger });
    void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.payables });
  }

  return (
    <>
      <div className="card filters">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => {
            setLine('');
            setStatus(e.target.value as PurchaseStatus | '');
          }}
        >
          <option value="">All</option>
          {PURCHASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {PURCHASE_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="status-line">
        {list.loading ? 'Loading transactions…' : line || (list.items?.length === 0 ? 'No transactions.' : '')}
      </p>
      <ErrorAlert message={list.error === null ? null : `Could not load the transactions: ${list.error}`} />
      {list.items && list.items.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Transactions table" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">Transactions, newest first</caption>
            <HeadWithActions columns={['Listing', 'Buyer', 'Seller', 'Amount', 'Fee', 'Status', 'Date']} />
            <tbody>
              {list.items.map((purchase) => (
                <TransactionRow
                  key={purchase.id}
                  purchase={purchase}
                  onRefund={() => {
                    setLine('');
                    setRefunding(purchase);
                  }}
                />
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
      {refunding && (
        <RefundDialog
          purchase={refunding}
          onClose={() => {
            setRefunding(null);
          }}
          onRefunded={refunded}
          onStale={list.reload}
        />
      )}
    </>
  );
}

function TransactionRow({ purchase, onRefund }: { purchase: Purchase; onRefund: () => void }) {
  const money = (minor: number) => formatMoney(minor, purchase.currency);
  return (
    <tr>
      <th scope="row" className="cell-text">
        <Link to={purchasePath(purchase.id)}>{purchase.listingTitle}</Link>
      </th>
      <td>{nameOf(purchase.buyer)}</td>
      <td>{nameOf(purchase.seller)}</td>
      <td>{money(purchase.amountMinor)}</td>
      <td>{money(purchase.feeMinor)}</td>
      <td>{PURCHASE_STATUS_LABELS[purchase.status]}</td>
      <td>
        <time dateTime={purchase.createdAt}>{formatDateTime(purchase.createdAt)}</time>
      </td>
      <ActionsCell>
        {purchase.status === 'Paid' && (
          <button type="button" className="secondary" aria-label={`Refund ${purchase.listingTitle}`} onClick={onRefund}>
            Refund
          </button>
        )}
      </ActionsCell>
    </tr>
  );
}
