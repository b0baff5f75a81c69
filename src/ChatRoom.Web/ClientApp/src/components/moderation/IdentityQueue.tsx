import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { listIdentityDocuments, type IdentityReviewItem } from '../../api/identity.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { ErrorAlert } from '../Field.tsx';
import { usePagedList } from '../usePagedList.ts';
import { IdentityCard, type Decision, type DecisionEvents } from './IdentityCard.tsx';

export const IDENTITY_PAGE_SIZE = 25;

/** While OCR still reads a document, the queue looks again this often, so its hints appear without a click. */
export const READING_REFRESH_MS = 5000;

// Another moderator decided it, its account is gone, or its file was deleted: it is no longer this queue's.
const GONE = new Set<string>([ErrorCodes.identityDecided, ErrorCodes.identityNotFound, ErrorCodes.identityDocumentDeleted]);

/** Identity documents waiting for a moderator's decision, oldest first. */
export function IdentityQueue() {
  const [line, setLine] = useState('');
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const list = usePagedList(queryKeys.identityDocuments, (cursor, signal) => listIdentityDocuments(cursor, IDENTITY_PAGE_SIZE, { signal }), {
    refreshEvery: (items) => (items.some((item) => !item.read) ? READING_REFRESH_MS : false),
  });

  function settled(item: IdentityReviewItem) {
    list.remove((i) => i.id === item.id);
    // Later pages hold positions after it: loaded afresh when next shown.
    void queryClient.invalidateQueries({ queryKey: queryKeys.identityDocuments, refetchType: 'none' });
  }

  const events: DecisionEvents = {
    onDecided: (item, decision) => {
      setError(null);
      setLine(`${decision.approve ? 'Approved' : 'Rejected'} the document from ${nameOf(item.user)}.`);
      settled(item);
    },
    onFailed: (item, decision: Decision, e) => {
      setLine('');
      const code = e instanceof ApiError ? e.code : null;
      if (code !== null && GONE.has(code)) {
        setError(`This document is no longer waiting: ${describeError(e)}`);
        settled(item);
      } else if (code === ErrorCodes.identityOwnDocument) {
        setError('This is your own document: another moderator reviews it.');
      } else {
        setError(`Could not ${decision.approve ? 'approve' : 'reject'} the document from ${nameOf(item.user)}: ${describeError(e)}`);
      }
    },
  };

  return (
    <>
      <div className="card filters">
        <p className="muted">
          Members send these to prove they are 18 or older. Decide on the document itself; what OCR read is a hint. Files are
          deleted after the review plus a retention period.
        </p>
        <div className="filter-actions">
          <button type="button" className="secondary" onClick={list.reload}>
            Refresh
          </button>
        </div>
      </div>
      <p role="status" className="status-line">
        {list.loading ? 'Loading identity documents…' : line || (list.items?.length === 0 ? 'No identity documents are waiting for review.' : '')}
      </p>
      <ErrorAlert message={error ?? (list.error === null ? null : `Could not load the identity documents: ${list.error}`)} />
      {list.items && list.items.length > 0 && (
        <ol className="card-list" aria-label="Identity documents, oldest first">
          {list.items.map((item) => (
            <li key={item.id}>
              <IdentityCard item={item} events={events} />
            </li>
          ))}
        </ol>
      )}
      {list.hasMore && (
        <button type="button" className="load-more secondary" aria-busy={list.loading} onClick={() => void list.loadMore()}>
          Load more documents
        </button>
      )}
    </>
  );
}
