import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { nameOf, type MessageDto, type ReplyPreview } from '../../realtime/contracts.ts';
import { MessageAttachments } from '../attachments/MessageAttachments.tsx';
import { ReplyCount, ReplyQuote } from '../threads/ReplyQuote.tsx';
import { Avatar } from './Avatar.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageEditor } from './MessageEditor.tsx';
import { formatTime, MessageMeta } from './MessageMeta.tsx';
import { MessageText } from './MessageText.tsx';
import { ReactButton, ReactionChips } from './ReactionRow.tsx';
import { useMessageActions, type MessageChanged } from './useMessageActions.ts';
import { useReactionToggle } from './useReactions.ts';

export { VerifiedMark } from './MessageMeta.tsx';

interface MessageItemProps extends MessageChanged {
  message: MessageDto;
  own: boolean;
  /** The same author as the message before, moments later: shown under that one's name and avatar. */
  continued?: boolean;
  /** Moderators and admins may delete anyone's message. */
  canModerate?: boolean;
  onReport?: (message: MessageDto) => void;
  /** What can be done about the author (message them, block, a moderator's actions); never shown on one's own. */
  authorActions?: ReactNode;
  /** The author is someone the viewer blocked: a collapsed line until asked for, so the flow stays readable. */
  concealed?: boolean;
  /** Reactions are shown and given when the page knows who is reading (`meId`) and names the reactors it has seen. */
  reactions?: { meId: string | null; nameOf: (userId: string) => string | null };
  /** The editor is open (the page keeps which one, so Up in the composer can open the last). */
  editing?: boolean;
  onEditingChange?: (editing: boolean) => void;
  /** Closing the editor gives focus back to Edit; false when the page puts it elsewhere (the composer it came from). */
  editReturnsFocus?: boolean;
  /** A "Reply" button, first among the actions, where the page offers replies. */
  replyAction?: ReactNode;
  /** The quote of what a reply answers was activated (go to the original, or its thread); null: no quote shown. */
  onQuote?: ((replyTo: ReplyPreview) => void) | null;
  /** "N replies" under a message with replies opens its thread; absent inside the thread itself. */
  onOpenThread?: (message: MessageDto) => void;
  /** Brought into view from a reply's quote: marked for a moment so the eye finds it. */
  highlighted?: boolean;
}

export function MessageItem({
  message,
  own,
  continued = false,
  canModerate = false,
  onEdited,
  onDeleted,
  onReport,
  authorActions,
  concealed = false,
  reactions,
  editing = false,
  onEditingChange,
  editReturnsFocus = true,
  replyAction,
  onQuote,
  onOpenThread,
  highlighted = false,
}: MessageItemProps) {
  const [revealed, setRevealed] = useState(false);
  const { busy, error, edit, remove, clearError } = useMessageActions(message, { onEdited, onDeleted });
  const reactionToggle = useReactionToggle(message, onEdited);
  const { actionsShown, tapRef, onTap, onLongPress } = useTapToShowActions();
  const editButton = useRef<HTMLButtonElement>(null);
  const refocusEdit = useRef(false);

  // Back from the editor to the button that opened it, rather than to the top of the page.
  useEffect(() => {
    if (!editing && refocusEdit.current) {
      refocusEdit.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  function stopEditing() {
    clearError();
    refocusEdit.current = editReturnsFocus;
    onEditingChange?.(false);
  }

  function save(draft: string) {
    const content = draft.trim();
    if (content === '' || content === message.content) {
      stopEditing();
      return;
    }
    edit(content, stopEditing);
  }

  const author = nameOf(message.author);
  const toggle = concealed && (
    <ConcealedLine
      shown={revealed}
      onToggle={() => {
        setRevealed((r) => !r);
      }}
    />
  );
  if (concealed && !revealed) return <div className="message message-concealed">{toggle}</div>;

  // A message waiting for approval is seen by its author and the moderators only: nothing to react to yet.
  const reactable = reactions !== undefined && message.status !== 'Pending';
  const classes = [
    'message',
    own && 'message-own',
    continued && 'message-continued',
    actionsShown && 'message-active',
    editing && 'message-editing',
    highlighted && 'message-highlighted',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')} ref={tapRef} onClick={onTap} onContextMenu={onLongPress}>
      {/* First, as when collapsed: the same button stays under the keyboard when the message opens. */}
      {toggle}
      <div className="message-gutter">{!continued && <Avatar user={message.author} />}</div>
      <div className="message-body">
        <MessageMeta
          author={author}
          verified={message.author.phoneVerified}
          createdAt={message.createdAt}
          edited={message.editedAt !== null}
          continued={continued}
        />
        {message.replyTo && onQuote !== null && <ReplyQuote replyTo={message.replyTo} onActivate={onQuote} />}
        {editing ? (
          <MessageEditor initial={message.content} busy={busy} onSave={save} onCancel={stopEditing} />
        ) : (
          // A message of files only has no text to show.
          message.content !== '' && <MessageText content={message.content} />
        )}
        {!editing && <MessageAttachments attachments={message.attachments} />}
        {continued && message.editedAt !== null && <span className="message-edited">(edited)</span>}
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
        {reactable && !editing && <ReactionChips message={message} meId={reactions.meId} nameOf={reactions.nameOf} toggle={reactionToggle} />}
        {onOpenThread && (
          <ReplyCount
            count={message.replyCount}
            onOpen={() => {
              onOpenThread(message);
            }}
          />
        )}
      </div>
      {!editing && (reactable || own || onReport || canModerate || replyAction !== undefined) && (
        <MessageActions
          reply={replyAction}
          time={formatTime(message.createdAt)}
          author={author}
          own={own}
          busy={busy}
          react={reactable && <ReactButton toggle={reactionToggle} />}
          editButton={editButton}
          onEdit={
            own && onEditingChange
              ? () => {
                  onEditingChange(true);
                }
              : null
          }
          onDelete={
            own || canModerate
              ? () => {
                  if (window.confirm('Delete this message?')) remove();
                }
              : null
          }
          onReport={
            onReport
              ? () => {
                  onReport(message);
                }
              : null
          }
          extra={authorActions}
        />
      )}
    </div>
  );
}

/**
 * Touch screens have no hover: a tap on the message (not on one of its controls) shows its actions, a tap elsewhere
 * hides them again. A long press opens the same instead of the browser's menu.
 */
function useTapToShowActions() {
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!shown) return;
    const hideOnOutsideTap = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setShown(false);
    };
    document.addEventListener('pointerdown', hideOnOutsideTap);
    return () => {
      document.removeEventListener('pointerdown', hideOnOutsideTap);
    };
  }, [shown]);

  const byTouch = (event: MouseEvent<HTMLDivElement>) =>
    (event.nativeEvent as Partial<PointerEvent>).pointerType === 'touch' &&
    (event.target as HTMLElement).closest('button, a, textarea, input') === null;

  return {
    actionsShown: shown,
    tapRef: ref,
    onTap: (event: MouseEvent<HTMLDivElement>) => {
      if (byTouch(event)) setShown((s) => !s);
    },
    onLongPress: (event: MouseEvent<HTMLDivElement>) => {
      if (!byTouch(event)) return;
      event.preventDefault();
      setShown(true);
    },
  };
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
