import { LedgerTotals } from '../components/admin/marketplace/LedgerTotals.tsx';
import { PayablesSection } from '../components/admin/marketplace/PayablesSection.tsx';
import { TransactionsSection } from '../components/admin/marketplace/TransactionsSection.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

/** The marketplace's money: the ledger's totals, every purchase (refunds), and what sellers are owed (payouts). */
export function AdminMarketplacePage() {
  return (
    <>
      <PageHeading>Marketplace administration</PageHeading>
      <section aria-labelledby="ledger-heading" className="stack card">
        <h2 id="ledger-heading">Ledger</h2>
        <LedgerTotals />
      </section>
      <section aria-labelledby="transactions-heading" className="stack panel">
        <h2 id="transactions-heading">Transactions</h2>
        <TransactionsSection />
      </section>
      <section aria-labelledby="payables-heading" className="stack panel">
        <h2 id="payables-heading">Payables</h2>
        <PayablesSection />
      </section>
    </>
  );
}
