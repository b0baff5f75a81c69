import { nameOf } from '../../realtime/contracts.ts';
import type { PendingMessage } from '../../realtime/roomState.ts';
import { PendingAttachments } from '../attachments/MessageAttachments.tsx';
import { ReplyQuote } from '../threads/ReplyQuote.tsx';
import { Avatar } from './Avatar.tsx';
import { MessageMeta } from './MessageMeta.tsx';
import { MessageText } from './MessageText.tsx';

interface PendingItemProps {
  pending: PendingMessage;
  /** The same author as the row before: no name and avatar of its own. */
  continued: boolean;
  onRetry: (pending: PendingMessage) => void;
  onDiscard: (pending: PendingMessage) => void;
}

/** One's own message on its way to the server, or refused by it with Retry and Discard. */
export function PendingItem({ pending, continued, onRetry, onDiscard }: PendingItemProps) {
  return (
    <div className={continued ? 'message message-own message-pending message-continued' : 'message message-own message-pending'}>
      <div className="message-gutter">{!continued && <Avatar user={pending.author} />}</div>
      <div className="message-body">
        <MessageMeta author={nameOf(pending.author)} verified={pending.author.phoneVerified} createdAt={pending.createdAt} edited={false} continued={continued} />
        {pending.replyTo && <ReplyQuote replyTo={pending.replyTo} />}
        {pending.content !== '' && <MessageText content={pending.content} />}
        <PendingAttachments attachments={pending.attachments} />
        {pending.status === 'sending' ? (
          <p className="message-status">Sending…</p>
        ) : (
          <div role="alert" className="message-error">
            <p>Not sent: {pending.error}</p>
            <button
              type="button"
              onClick={() => {
                onRetry(pending);
              }}
            >
              Retry
            </button>{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                onDiscard(pending);
              }}
            >
              Discard
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
