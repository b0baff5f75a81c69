import { useState } from 'react';
import { MyPurchasesTable } from '../components/marketplace/MyPurchasesTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Tabs, type TabDefinition } from '../components/Tabs.tsx';

type TabId = 'bought' | 'sold';
const TABS: readonly TabDefinition<TabId>[] = [
  { id: 'bought', label: 'Purchases' },
  { id: 'sold', label: 'Sales' },
];

/** What the user bought and what they sold, a tab each. */
export function OrdersPage() {
  const [tab, setTab] = useState<TabId>('bought');
  return (
    <>
      <PageHeading>Purchases and sales</PageHeading>
      <Tabs label="Purchases and sales" tabs={TABS} selected={tab} onSelect={setTab}>
        {/* Keyed: each tab is its own list. */}
        <MyPurchasesTable key={tab} side={tab} />
      </Tabs>
    </>
  );
}
