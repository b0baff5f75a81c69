import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { listAdminLounges, type AdminLounge } from '../api/adminLounges.ts';
import { describeError } from '../api/problems.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { LoungeAdminCard, type LoungeEvents } from '../components/admin/LoungeAdminCard.tsx';
import { LoungeForm } from '../components/admin/LoungeForm.tsx';
import { ErrorAlert } from '../components/Field.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

export function AdminLoungesPage() {
  const queryClient = useQueryClient();
  const lounges = useQuery({ queryKey: queryKeys.adminLounges, queryFn: ({ signal }) => listAdminLounges({ signal }) });
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Every change reloads the list (the server orders lounges and rooms and stamps archiving), and the public one.
  const events: LoungeEvents = {
    onChanged: (message) => {
      setError(null);
      setStatus(message);
      void queryClient.invalidateQueries({ queryKey: queryKeys.adminLounges });
      void queryClient.invalidateQueries({ queryKey: queryKeys.lounges });
    },
    onError: (message) => {
      setStatus('');
      setError(message);
    },
  };

  return (
    <>
      <PageHeading>Admin: Lounges</PageHeading>
      <p role="status" className="status-line">
        {status}
      </p>
      <ErrorAlert message={error} />
      <LoungesList query={lounges} events={events} />
      <section aria-labelledby="create-lounge-heading" className="stack card panel">
        <h2 id="create-lounge-heading">Create a lounge</h2>
        <LoungeForm onSaved={(lounge) => { events.onChanged(`Created ${lounge.name}.`); }} />
      </section>
    </>
  );
}

function LoungesList({ query, events }: { query: UseQueryResult<AdminLounge[]>; events: LoungeEvents }) {
  if (query.isError && !query.isFetching) {
    return (
      <div role="alert" className="notice notice-error">
        <p>Could not load the lounges: {describeError(query.error)}</p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const lounges = query.data;
  if (!lounges) return <p className="notice">Loading lounges…</p>;
  if (lounges.length === 0) return <p className="notice">No lounges yet. Create the first one below.</p>;
  return (
    <ul className="lounge-list">
      {lounges.map((lounge) => (
        <li key={lounge.id}>
          <LoungeAdminCard lounge={lounge} events={events} />
        </li>
      ))}
    </ul>
  );
}
