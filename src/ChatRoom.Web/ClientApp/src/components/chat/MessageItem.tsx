import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { nameOf, type MessageDto } from '../../realtime/contracts.ts';
import type { PendingMessage } from '../../realtime/roomState.ts';
import { MAX_MESSAGE_LENGTH } from './Composer.tsx';
import { MessageText } from './MessageText.tsx';
import { ReactionRow } from './ReactionRow.tsx';
import { useMessageActions, type MessageChanged } from './useMessageActions.ts';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function MessageMeta({ author, verified, createdAt, edited }: { author: string; verified: boolean; createdAt: string; edited: boolean }) {
  return (
    <div className="message-meta">
      <span className="message-author">{author}</span>
      {verified && <VerifiedMark />}{' '}
      <time dateTime={createdAt} className="message-time">
        {timeFormat.format(new Date(createdAt))}
      </time>
      {edited && <span className="message-edited"> (edited)</span>}
    </div>
  );
}

/** The account proved a phone number; the number itself is never shown. */
export function VerifiedMark() {
  return (
    <span className="verified-mark" title="Verified phone" role="img" aria-label="verified phone">
      ✓
    </span>
  );
}

interface MessageItemProps extends MessageChanged {
  message: MessageDto;
  own: boolean;
  /** Moderators and admins may delete anyone's message. */
  canModerate?: boolean;
  onReport?: (message: MessageDto) => void;
  /** What can be done about the author (message them, block, a moderator's actions); never shown on one's own. */
  authorActions?: ReactNode;
  /** The author is someone the viewer blocked: a collapsed line until asked for, so the flow stays readable. */
  concealed?: boolean;
  /** Reactions are shown and given when the page knows who is reading (`meId`) and names the reactors it has seen. */
  reactions?: { meId: string | null; nameOf: (userId: string) => string | null };
}

export function MessageItem({
  message,
  own,
  canModerate = false,
  onEdited,
  onDeleted,
  onReport,
  authorActions,
  concealed = false,
  reactions,
}: MessageItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);
  const { busy, error, edit, remove, clearError } = useMessageActions(message, { onEdited, onDeleted });

  function save() {
    if (draft === null) return;
    const content = draft.trim();
    if (content === '' || content === message.content) {
      setDraft(null);
      return;
    }
    edit(content, () => {
      setDraft(null);
    });
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
      clearError();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  }

  const author = nameOf(message.author);
  const time = timeFormat.format(new Date(message.createdAt));
  const toggle = concealed && (
    <ConcealedLine
      shown={revealed}
      onToggle={() => {
        setRevealed((r) => !r);
      }}
    />
  );
  if (concealed && !revealed) return <li className="message message-concealed">{toggle}</li>;
  return (
    <li className={own ? 'message message-own' : 'message'}>
      {toggle}
      <MessageMeta author={author} verified={message.author.phoneVerified} createdAt={message.createdAt} edited={message.editedAt !== null} />
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
      {/* A message waiting for approval is seen by its author and the moderators only: nothing to react to yet. */}
      {reactions && draft === null && message.status !== 'Pending' && (
        <ReactionRow message={message} meId={reactions.meId} nameOf={reactions.nameOf} onChanged={onEdited} />
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
                if (window.confirm('Delete this message?')) remove();
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
          <button type="button" disabled={busy} onClick={save}>
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

/**
 * Stands for a blocked person's message. The button stays in the same place when the message opens under it, so the
 * keyboard stays on it; it is named "Show" / "Hide" and described by the line it belongs to.
 */
function ConcealedLine({ shown, onToggle }: { shown: boolean; onToggle: () => void }) {
  const id = useId();
  return (
    <p className="message-concealed-line">
      <span id={id}>Message from a blocked person</span>{' '}
      <button type="button" className="link-button" aria-expanded={shown} aria-describedby={id} onClick={onToggle}>
        {shown ? 'Hide' : 'Show'}
      </button>
    </p>
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
      <MessageMeta author={nameOf(pending.author)} verified={pending.author.phoneVerified} createdAt={pending.createdAt} edited={false} />
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
