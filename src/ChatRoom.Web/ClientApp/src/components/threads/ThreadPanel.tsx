import { useEffect, useRef, type ReactNode } from 'react';
import type { MessageDto } from '../../realtime/contracts.ts';
import type { PendingMessage } from '../../realtime/roomState.ts';
import { Composer } from '../chat/Composer.tsx';
import { useThread, type LiveRoom } from './useThread.ts';
import '../../styles/threads.css';

interface ThreadPanelProps {
  messageId: string;
  live: LiveRoom;
  /** A message of the thread as the room shows it (its own actions, no quote: they all answer the original). */
  renderMessage: (message: MessageDto) => ReactNode;
  renderPending: (pending: PendingMessage) => ReactNode;
  /** Sends `content` as a reply to the original. */
  onReply: (content: string, original: MessageDto) => void;
  onTyping: (isTyping: boolean) => void;
  /** Why the room's composer is off (read only, a phone needed…); the thread's is off then too. */
  composerDisabled: boolean;
  disabledReason?: string;
  onClose: () => void;
}

/**
 * A message and its replies beside the room's messages (full screen on phones): the original, then the replies
 * oldest first, kept live from the room, with a composer of its own that replies to the original. Opening moves
 * focus to its heading; Escape or "Close thread" closes it.
 */
export function ThreadPanel({ messageId, live, renderMessage, renderPending, onReply, onTyping, composerDisabled, disabledReason, onClose }: ThreadPanelProps) {
  const thread = useThread(messageId, live);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [messageId]);

  const { original, originalDeleted } = thread;
  const earlier = thread.hasMore ? thread.replies.filter((r) => r.seq <= thread.lastFetchedSeq) : thread.replies;
  const later = thread.hasMore ? thread.replies.filter((r) => r.seq > thread.lastFetchedSeq) : [];
  // Replies not fetched yet count too (the original's count is the server's).
  const count = Math.max(thread.replies.length, original?.replyCount ?? 0);
  return (
    <aside
      className="thread-panel"
      aria-label="Thread"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        onClose();
      }}
    >
      <div className="thread-header">
        <h2 ref={heading} tabIndex={-1} className="thread-heading">
          Thread
        </h2>
        <button type="button" className="secondary thread-close" onClick={onClose}>
          Close thread
        </button>
      </div>
      <div className="thread-scroller">
        {thread.loading && original === undefined && (
          <p role="status" className="status-line">
            Loading the thread…
          </p>
        )}
        {thread.error !== null && (
          <p role="alert" className="notice notice-error">
            {thread.error}
          </p>
        )}
        {originalDeleted ? (
          <p className="reply-quote reply-quote-deleted thread-original-deleted">Original message deleted</p>
        ) : (
          original !== undefined && <div className="thread-original">{renderMessage(original)}</div>
        )}
        {!thread.loading && (
          <p className="thread-count">{count === 0 ? 'No replies yet' : count === 1 ? '1 reply' : `${String(count)} replies`}</p>
        )}
        <ReplyList replies={earlier} label="Replies" renderMessage={renderMessage} />
        {thread.hasMore && (
          <div className="thread-more">
            <button type="button" className="secondary" disabled={thread.loadingMore} onClick={thread.loadMore}>
              {thread.loadingMore ? 'Loading…' : 'Load more replies'}
            </button>
          </div>
        )}
        <ReplyList replies={later} label="Newer replies" renderMessage={renderMessage} />
        {thread.pending.length > 0 && (
          <ol className="thread-replies" aria-label="Replies being sent">
            {thread.pending.map((p) => (
              <li key={p.clientMessageId}>{renderPending(p)}</li>
            ))}
          </ol>
        )}
      </div>
      <Composer
        label="Reply in thread"
        sendLabel="Send reply"
        disabled={composerDisabled || original === undefined || originalDeleted}
        disabledReason={originalDeleted ? 'The original message was deleted.' : disabledReason}
        onSend={(content) => {
          if (original !== undefined) onReply(content, original);
        }}
        onTyping={onTyping}
      />
    </aside>
  );
}

function ReplyList({ replies, label, renderMessage }: { replies: readonly MessageDto[]; label: string; renderMessage: (message: MessageDto) => ReactNode }) {
  if (replies.length === 0) return null;
  return (
    <ol className="thread-replies" aria-label={label}>
      {replies.map((reply) => (
        <li key={reply.id}>{renderMessage(reply)}</li>
      ))}
    </ol>
  );
}
