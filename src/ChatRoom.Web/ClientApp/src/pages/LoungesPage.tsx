import { useEffect, useState } from 'react';
import { fetchLounges, type Lounge } from '../api/lounges.ts';
import { describeError } from '../api/problems.ts';
import { LoungeList } from '../components/LoungeList.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'loaded'; lounges: Lounge[] }
  | { kind: 'failed'; message: string };

export function LoungesPage() {
  return (
    <>
      <PageHeading>Lounges</PageHeading>
      <LoungesContent />
    </>
  );
}

function LoungesContent() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchLounges({ signal: controller.signal }).then(
      (lounges) => {
        if (!controller.signal.aborted) setState({ kind: 'loaded', lounges });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', message: describeError(error) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [attempt]);

  function retry() {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }

  switch (state.kind) {
    case 'loading':
      return (
        <p role="status" className="notice">
          Loading lounges…
        </p>
      );
    case 'failed':
      return (
        <div role="alert" className="notice notice-error">
          <p>Could not load the lounges: {state.message}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      );
    case 'loaded':
      return <LoungeList lounges={state.lounges} />;
  }
}

