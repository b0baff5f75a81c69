import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { fetchLedger, LEDGER_ACCOUNTS, type LedgerTotal } from '../../../api/purchases.ts';
import { describeError } from '../../../api/problems.ts';
import { queryKeys } from '../../../api/queryKeys.ts';
import { LEDGER_ACCOUNT_LABELS } from '../../marketplace/labels.ts';
import { formatMoney } from '../../marketplace/money.ts';

/** The ledger's three accounts in total, each currency's amount side by side (an account's credits shown as earned or owed). */
export function LedgerTotals() {
  const ledger = useQuery({ queryKey: queryKeys.marketplace.ledger, queryFn: ({ signal }) => fetchLedger({ signal }) });
  if (ledger.isError && !ledger.isFetching) {
    return (
      <div role="alert" className="notice notice-error">
        <p>Could not load the ledger: {describeError(ledger.error)}</p>
        <button type="button" onClick={() => void ledger.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (!ledger.data) return <p className="notice">Loading the ledger…</p>;
  const currencies = [...new Set(ledger.data.map((total) => total.currency))];
  if (currencies.length === 0) return <p className="muted">No money has moved yet.</p>;
  return (
    <dl className="facts ledger-totals">
      {LEDGER_ACCOUNTS.map((account) => {
        const { label, sign } = LEDGER_ACCOUNT_LABELS[account];
        return (
          <Fragment key={account}>
            <dt>{label}</dt>
            <dd>{currencies.map((currency) => formatMoney(amountOf(ledger.data, account, currency, sign), currency)).join(' · ')}</dd>
          </Fragment>
        );
      })}
    </dl>
  );
}

/** The account's balance as shown: credits (fees, payables) as positive amounts; no account yet is zero (never "-0"). */
function amountOf(totals: readonly LedgerTotal[], account: LedgerTotal['account'], currency: string, sign: 1 | -1): number {
  const balance = totals.find((t) => t.account === account && t.currency === currency)?.balanceMinor ?? 0;
  return balance === 0 ? 0 : sign * balance;
}
