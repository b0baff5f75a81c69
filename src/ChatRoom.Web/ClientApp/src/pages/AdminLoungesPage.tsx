import { useEffect, useState } from 'react';
import { listAdminLounges, type AdminLounge } from '../api/adminLounges.ts';
import { describeError } from '../api/problems.ts';
import { LoungeAdminCard, type LoungeEvents } from '../components/admin/LoungeAdminCard.tsx';
import { LoungeForm } from '../components/admin/LoungeForm.tsx';
import { ErrorAlert } from '../components/Field.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

type LoadState = { kind: 'loading' } | { kind: 'loaded'; lounges: AdminLounge[] } | { kind: 'failed'; message: string };

export function AdminLoungesPage() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listAdminLounges({ signal: controller.signal }).then(
      (lounges) => {
        if (!controller.signal.aborted) setState({ kind: 'loaded', lounges });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', message: describeError(e) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [version]);

  // Every change reloads the list: the server orders lounges and rooms and stamps archiving.
  const events: LoungeEvents = {
    onChanged: (message) => {
      setError(null);
      setStatus(message);
      setVersion((v) => v + 1);
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
      <LoungesList state={state} events={events} onRetry={() => {
        setState({ kind: 'loading' });
        setVersion((v) => v + 1);
      }} />
      <section aria-labelledby="create-lounge-heading" className="stack panel">
        <h2 id="create-lounge-heading">Create a lounge</h2>
        <LoungeForm onSaved={(lounge) => { events.onChanged(`Created ${lounge.name}.`); }} />
      </section>
    </>
  );
}

function LoungesList({ state, events, onRetry }: { state: LoadState; events: LoungeEvents; onRetry: () => void }) {
  if (state.kind === 'loading') return <p className="notice">Loading lounges…</p>;
  if (state.kind === 'failed') {
    return (
      <div role="alert" className="notice notice-error">
        <p>Could not load the lounges: {state.message}</p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (state.lounges.length === 0) return <p className="notice">No lounges yet. Create the first one below.</p>;
  return (
    <ul className="lounge-list">
      {state.lounges.map((lounge) => (
        <li key={lounge.id}>
          <LoungeAdminCard lounge={lounge} events={events} />
        </li>
      ))}
    </ul>
  );
}
