import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { nameOf, type MessageDto } from '../../realtime/contracts.ts';
import type { PendingMessage } from '../../realtime/roomState.ts';
import { MAX_MESSAGE_LENGTH } from './Composer.tsx';
import { MessageText } from './MessageText.tsx';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function MessageMeta({ author, createdAt, edited }: { author: string; createdAt: string; edited: boolean }) {
  return (
    <div className="message-meta">
      <span className="message-author">{author}</span>{' '}
      <time dateTime={createdAt} className="message-time">
        {timeFormat.format(new Date(createdAt))}
      </time>
      {edited && <span className="message-edited"> (edited)</span>}
    </div>
  );
}

interface MessageItemProps {
  message: MessageDto;
  own: boolean;
  /** Moderators and admins may delete anyone's message. */
  canModerate?: boolean;
  onEdit: (message: MessageDto, content: string) => Promise<void>;
  onDelete: (message: MessageDto) => Promise<void>;
  onReport?: (message: MessageDto) => void;
  /** A moderator's actions on the author, when they may be taken. */
  authorActions?: ReactNode;
}

export function MessageItem({ message, own, canModerate = false, onEdit, onDelete, onReport, authorActions }: MessageItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Something went wrong.');
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (draft === null) return;
    const content = draft.trim();
    if (content === '' || content === message.content) {
      setDraft(null);
      return;
    }
    if (await run(() => onEdit(message, content))) setDraft(null);
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
      setError(null);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  }

  const author = nameOf(message.author);
  const time = timeFormat.format(new Date(message.createdAt));
  return (
    <li className={own ? 'message message-own' : 'message'}>
      <MessageMeta author={author} createdAt={message.createdAt} edited={message.editedAt !== null} />
      {draft === null ? (
        <MessageText content={message.content} />
      ) : (
        <textarea
          className="message-edit"
          aria-label="Edit message"
          value={draft}
          maxLength={MAX_MESSAGE_LENGTH}
          disabled={busy}
          // Focus belongs in the editor the user just opened.
          autoFocus
          onChange={(event) => {
            setDraft(event.target.value);
          }}
          onKeyDown={keyDown}
        />
      )}
      {message.status === 'Pending' && (
        <p className="message-status">
          <span className="badge badge-pending">Pending approval</span>
          {own && ' Others see it once a moderator approves it.'}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="message-error">
          {error}
        </p>
      )}
      {draft === null && (own || onReport || canModerate) && (
        <div className="message-actions">
          {own && (
            <button
              type="button"
              className="link-button"
              aria-label={`Edit your message from ${time}`}
              disabled={busy}
              onClick={() => {
                setDraft(message.content);
              }}
            >
              Edit
            </button>
          )}
          {!own && onReport && (
            <button
              type="button"
              className="link-button"
              aria-label={`Report ${author}'s message from ${time}`}
              onClick={() => {
                onReport(message);
              }}
            >
              Report
            </button>
          )}
          {(own || canModerate) && (
            <button
              type="button"
              className="link-button"
              aria-label={own ? `Delete your message from ${time}` : `Delete ${author}'s message from ${time}`}
              disabled={busy}
              onClick={() => {
                if (window.confirm('Delete this message?')) void run(() => onDelete(message));
              }}
            >
              Delete
            </button>
          )}
          {!own && authorActions}
        </div>
      )}
      {draft !== null && (
        <div className="message-actions">
          <button type="button" disabled={busy} onClick={() => void save()}>
            Save
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setDraft(null);
            }}
          >
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}

interface PendingItemProps {
  pending: PendingMessage;
  onRetry: (pending: PendingMessage) => void;
  onDiscard: (pending: PendingMessage) => void;
}

export function PendingItem({ pending, onRetry, onDiscard }: PendingItemProps) {
  return (
    <li className="message message-own message-pending">
      <MessageMeta author={nameOf(pending.author)} createdAt={pending.createdAt} edited={false} />
      <MessageText content={pending.content} />
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
            onClick={() => {
              onDiscard(pending);
            }}
          >
            Discard
          </button>
        </div>
      )}
    </li>
  );
}
