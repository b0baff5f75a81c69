import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { approveMessage, listQueue, rejectMessage, type QueuedMessage } from '../../api/moderation.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { MessageText } from '../chat/MessageText.tsx';
import { ErrorAlert, TextField } from '../Field.tsx';
import { usePagedList } from '../usePagedList.ts';
import { RoomSelect } from './RoomSelect.tsx';

export const QUEUE_PAGE_SIZE = 25;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Messages of pre-moderated rooms waiting for a verdict, oldest first. */
export function PendingQueue() {
  const [line, setLine] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [roomId, setRoomId] = useState('');
  const queryClient = useQueryClient();
  const list = usePagedList(queryKeys.moderationQueue.list(roomId), (cursor, signal) =>
    listQueue(roomId, cursor, QUEUE_PAGE_SIZE, { signal }),
  );

  function decided(item: QueuedMessage, verdict: Verdict) {
    setError(null);
    setLine(`${verdict.approve ? 'Approved' : 'Rejected'} the message from ${nameOf(item.message.author)}.`);
    list.remove((i) => i.message.id === item.message.id);
    // Other rooms' views of the queue hold it too: load them afresh when next shown.
    void queryClient.invalidateQueries({ queryKey: queryKeys.moderationQueue.all, refetchType: 'none' });
  }

  function failed(item: QueuedMessage, verdict: Verdict, e: unknown) {
    setLine('');
    // Another moderator got there first: the queue has moved on.
    if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
      setError(`This message is no longer waiting: ${describeError(e)}`);
      list.remove((i) => i.message.id === item.message.id);
    } else {
      setError(`Could not ${verdict.approve ? 'approve' : 'reject'} the message from ${nameOf(item.message.author)}: ${describeError(e)}`);
    }
  }

  return (
    <>
      <div className="card filters">
        <RoomSelect
          label="Only room"
          emptyLabel="All rooms"
          value={roomId}
          onChange={(id) => {
            setLine('');
            setError(null);
            setRoomId(id);
          }}
        />
        <div className="filter-actions">
          <button type="button" className="secondary" onClick={list.reload}>
            Refresh
          </button>
        </div>
      </div>
      <p role="status" className="status-line">
        {list.loading ? 'Loading pending messages…' : line || (list.items?.length === 0 ? 'No messages are waiting for approval.' : '')}
      </p>
      <ErrorAlert message={error ?? (list.error === null ? null : `Could not load the queue: ${list.error}`)} />
      {list.items && list.items.length > 0 && (
        <ol className="card-list" aria-label="Pending messages, oldest first">
          {list.items.map((item) => (
            <li key={item.message.id}>
              <QueuedItem item={item} onDecided={decided} onFailed={failed} />
            </li>
          ))}
        </ol>
      )}
      {list.hasMore && (
        <button type="button" className="load-more secondary" aria-busy={list.loading} onClick={() => void list.loadMore()}>
          Load more messages
        </button>
      )}
    </>
  );
}

type Verdict = { approve: true } | { approve: false; reason: string | null };

function QueuedItem({
  item,
  onDecided,
  onFailed,
}: {
  item: QueuedMessage;
  onDecided: (item: QueuedMessage, verdict: Verdict) => void;
  onFailed: (item: QueuedMessage, verdict: Verdict, error: unknown) => void;
}) {
  const [reason, setReason] = useState('');
  const { message } = item;
  const author = nameOf(message.author);
  const judgement = useMutation({
    mutationFn: (verdict: Verdict) => (verdict.approve ? approveMessage(message.id) : rejectMessage(message.id, verdict.reason)),
    onSuccess: (_, verdict) => {
      onDecided(item, verdict);
    },
    onError: (error, verdict) => {
      onFailed(item, verdict, error);
    },
  });
  const busy = judgement.isPending;

  function judge(verdict: Verdict) {
    if (!busy) judgement.mutate(verdict);
  }

  return (
    <article className="report" aria-label={`Message from ${author} in ${item.roomName}`} aria-busy={busy}>
      <header className="report-header">
        <h3>
          {author} <span className="muted">in {item.roomName}</span>
        </h3>
        <time dateTime={message.createdAt}>{dateTime.format(new Date(message.createdAt))}</time>
      </header>
      <blockquote className="quoted-message">
        <MessageText content={message.content} />
      </blockquote>
      {item.moderationNote && <p className="muted">Filter note: {item.moderationNote}</p>}
      <div className="field-row">
        <TextField
          label="Reason for rejecting"
          hint="Optional."
          maxLength={1000}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          aria-label={`Approve the message from ${author}`}
          onClick={() => {
            judge({ approve: true });
          }}
        >
          Approve
        </button>
        <button
          type="button"
          className="danger"
          aria-label={`Reject the message from ${author}`}
          onClick={() => {
            judge({ approve: false, reason: reason.trim() || null });
          }}
        >
          Reject
        </button>
      </div>
    </article>
  );
}
