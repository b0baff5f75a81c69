import { useEffect, useRef, useState } from 'react';
import { ActionForm } from '../components/moderation/ActionForm.tsx';
import { ActionHistory } from '../components/moderation/ActionHistory.tsx';
import { IdentityQueue } from '../components/moderation/IdentityQueue.tsx';
import { PendingQueue } from '../components/moderation/PendingQueue.tsx';
import type { ActionTarget } from '../components/moderation/ReportCard.tsx';
import { ReportsQueue } from '../components/moderation/ReportsQueue.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Tabs, type TabDefinition } from '../components/Tabs.tsx';

type TabId = 'reports' | 'pending' | 'identity' | 'actions';
const TABS: readonly TabDefinition<TabId>[] = [
  { id: 'reports', label: 'Reports' },
  { id: 'pending', label: 'Pending messages' },
  { id: 'identity', label: 'Identity documents' },
  { id: 'actions', label: 'Actions' },
];

export function ModerationPage() {
  const [tab, setTab] = useState<TabId>('reports');
  const [preset, setPreset] = useState<{ target: ActionTarget; key: number } | null>(null);
  const [historyUser, setHistoryUser] = useState('');
  const formHeading = useRef<HTMLHeadingElement>(null);

  // "Act on …" leaves the reports tab: the keyboard follows to the form it filled in.
  useEffect(() => {
    if (preset !== null) formHeading.current?.focus();
  }, [preset]);

  return (
    <>
      <PageHeading>Moderation</PageHeading>
      <Tabs label="Moderation tools" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === 'reports' && (
          <ReportsQueue
            onActOn={(target) => {
              setPreset((p) => ({ target, key: (p?.key ?? 0) + 1 }));
              setHistoryUser(target.user.id);
              setTab('actions');
            }}
          />
        )}
        {tab === 'pending' && <PendingQueue />}
        {tab === 'identity' && <IdentityQueue />}
        {tab === 'actions' && (
          <>
            <section aria-labelledby="action-form-heading" className="stack">
              <h2 id="action-form-heading" ref={formHeading} tabIndex={-1}>
                Take an action
              </h2>
              <ActionForm
                key={preset?.key ?? 0}
                preset={preset?.target ?? null}
                onDone={(action) => {
                  setHistoryUser(action.targetUser.id);
                }}
              />
            </section>
            <section aria-labelledby="action-history-heading" className="stack card panel">
              <h2 id="action-history-heading">History</h2>
              <ActionHistory userId={historyUser} onUserChange={setHistoryUser} />
            </section>
          </>
        )}
      </Tabs>
    </>
  );
}
