import { useQuery } from '@tanstack/react-query';
import { fetchLounges } from '../api/lounges.ts';
import { describeError } from '../api/problems.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { LoungeList } from '../components/LoungeList.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

export function LoungesPage() {
  return (
    <>
      <PageHeading>Lounges</PageHeading>
      <LoungesContent />
    </>
  );
}

function LoungesContent() {
  const lounges = useQuery({ queryKey: queryKeys.lounges, queryFn: ({ signal }) => fetchLounges({ signal }) });

  if (lounges.data) return <LoungeList lounges={lounges.data} />;
  if (lounges.isError && !lounges.isFetching) {
    return (
      <div role="alert" className="notice notice-error">
        <p>Could not load the lounges: {describeError(lounges.error)}</p>
        <button type="button" onClick={() => void lounges.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p role="status" className="notice">
      Loading lounges…
    </p>
  );
}
