import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import { listReports, REPORT_STATUSES, type ReportStatus } from '../../api/reports.ts';
import { ErrorAlert, SelectField } from '../Field.tsx';
import { usePagedList } from '../usePagedList.ts';
import { ReportCard, type ActionTarget, type ReportEvents } from './ReportCard.tsx';

export const REPORTS_PAGE_SIZE = 25;

export function ReportsQueue({ onActOn }: { onActOn: (target: ActionTarget) => void }) {
  const [status, setStatus] = useState<ReportStatus>('Open');
  const [line, setLine] = useState('');
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const list = usePagedList(queryKeys.reports.list(status), (cursor, signal) =>
    listReports(status, cursor, REPORTS_PAGE_SIZE, { signal }),
  );

  const events: ReportEvents = {
    onClosed: (report) => {
      setError(null);
      setLine(`Report ${report.status === 'Resolved' ? 'resolved' : 'dismissed'}.`);
      list.remove((r) => r.id === report.id);
      // It moved to another status's list: load those afresh when next shown.
      void queryClient.invalidateQueries({ queryKey: queryKeys.reports.all, refetchType: 'none' });
    },
    onStale: (message) => {
      setLine('');
      setError(message);
      list.reload();
    },
    onActOn,
  };

  return (
    <>
      <div className="card filters">
        <SelectField
          label="Show reports"
          value={status}
          onChange={(e) => {
            setLine('');
            setError(null);
            setStatus(e.target.value as ReportStatus);
          }}
        >
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="status-line">
        {list.loading ? 'Loading reports…' : line || describeCount(list.items?.length ?? 0, status, list.hasMore)}
      </p>
      <ErrorAlert message={error ?? (list.error === null ? null : `Could not load the reports: ${list.error}`)} />
      {list.items && list.items.length > 0 && (
        <ol className="card-list" aria-label={`${status} reports, newest first`}>
          {list.items.map((report) => (
            <li key={report.id}>
              <ReportCard report={report} events={events} />
            </li>
          ))}
        </ol>
      )}
      {list.hasMore && (
        <button type="button" className="load-more secondary" aria-busy={list.loading} onClick={() => void list.loadMore()}>
          Load more reports
        </button>
      )}
    </>
  );
}

function describeCount(count: number, status: ReportStatus, more: boolean): string {
  if (count === 0) return `No ${status.toLowerCase()} reports.`;
  const reports = count === 1 ? '1 report' : `${String(count)} reports`;
  return more ? `Showing the newest ${reports}; there are more.` : `Showing ${reports}.`;
}
