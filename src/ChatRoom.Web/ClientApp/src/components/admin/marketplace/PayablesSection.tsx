import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../api/problems.ts';
import { fetchPayables, type Payable } from '../../../api/purchases.ts';
import { queryKeys } from '../../../api/queryKeys.ts';
import { nameOf } from '../../../realtime/contracts.ts';
import { ActionsCell, HeadWithActions } from '../../DataTable.tsx';
import { formatMoney } from '../../marketplace/money.ts';
import { PayoutDialog } from './PayoutDialog.tsx';

const sameRow = (a: Payable, b: Payable) => a.seller.id === b.seller.id && a.currency === b.currency;

/** What each seller is owed (from the ledger), and recording a payout made to them. */
export function PayablesSection() {
  const queryClient = useQueryClient();
  const payables = useQuery({ queryKey: queryKeys.marketplace.payables, queryFn: ({ signal }) => fetchPayables({ signal }) });
  const [paying, setPaying] = useState<Payable | null>(null);
  const [line, setLine] = useState('');

  function recorded(left: Payable, paidMinor: number) {
    setPaying(null);
    setLine(`Recorded a payout of ${formatMoney(paidMinor, left.currency)} to ${nameOf(left.seller)}.`);
    // The row takes the server's answer at once (gone once nothing is owed); the ledger loads afresh.
    queryClient.setQueryData<Payable[]>(queryKeys.marketplace.payables, (rows) =>
      rows?.flatMap((row) => (!sameRow(row, left) ? [row] : left.owedMinor === 0 ? [] : [left])),
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.ledger });
  }

  return (
    <>
      <p role="status" className="status-line">
        {line}
      </p>
      {payables.isError && !payables.isFetching ? (
        <div role="alert" className="notice notice-error">
          <p>Could not load what sellers are owed: {describeError(payables.error)}</p>
          <button type="button" onClick={() => void payables.refetch()}>
            Try again
          </button>
        </div>
      ) : !payables.data ? (
        <p className="notice">Loading what sellers are owed…</p>
      ) : payables.data.length === 0 ? (
        <p className="muted">No seller is owed anything.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Payables table" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">What each seller is owed</caption>
            <HeadWithActions columns={['Seller', 'Owed']} />
            <tbody>
              {payables.data.map((payable) => (
                <tr key={`${payable.seller.id} ${payable.currency}`}>
                  <th scope="row" className="cell-name">
                    {nameOf(payable.seller)} <span className="muted">@{payable.seller.userName}</span>
                  </th>
                  <td>{formatMoney(payable.owedMinor, payable.currency)}</td>
                  <ActionsCell>
                    {payable.owedMinor > 0 && (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Record payout to ${payable.seller.userName}`}
                        onClick={() => {
                          setLine('');
                          setPaying(payable);
                        }}
                      >
                        Record payout
                      </button>
                    )}
                  </ActionsCell>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {paying && (
        <PayoutDialog
          payable={paying}
          onClose={() => {
            setPaying(null);
          }}
          onRecorded={recorded}
        />
      )}
    </>
  );
}
