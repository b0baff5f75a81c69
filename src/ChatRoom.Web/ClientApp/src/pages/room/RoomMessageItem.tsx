import { useState, type ReactNode } from 'react';
import { AuthorQuickActions, type QuickActionEvents } from '../../components/chat/AuthorQuickActions.tsx';
import { MessageItem } from '../../components/chat/MessageItem.tsx';
import { PersonActions } from '../../components/people/PersonActions.tsx';
import type { MessageDto, ReplyPreview } from '../../realtime/contracts.ts';

/** What every message of a room shows and does, the same in its log and in a thread. */
export interface RoomMessageContext {
  roomId: string;
  meId: string | null;
  isModerator: boolean;
  isConversation: boolean;
  /** The other person of a conversation of two: "Message NAME" is not offered for them. */
  directWith: string | undefined;
  isBlocked: (userId: string) => boolean;
  reactions: { meId: string | null; nameOf: (userId: string) => string | null };
  quickEvents: QuickActionEvents;
  onEdited: (message: MessageDto) => void;
  onDeleted: (message: MessageDto) => void;
  onReport: (message: MessageDto) => void;
  /** Null while the room cannot be written to. */
  onReply: ((message: MessageDto) => void) | null;
  onQuote: (replyTo: ReplyPreview) => void;
  onOpenThread: (message: MessageDto) => void;
  highlightId: string | null;
}

interface RoomMessageItemProps {
  ctx: RoomMessageContext;
  message: MessageDto;
  continued?: boolean;
  /** In a thread: no quote (every reply answers the original), no count, no Reply (the thread has its composer). */
  inThread?: boolean;
  /** The log's editor is the page's (Up in the composer opens it); a thread keeps its own. */
  editing?: boolean;
  editReturnsFocus?: boolean;
  onEditingChange?: (open: boolean) => void;
}

export function RoomMessageItem({ ctx, message, continued = false, inThread = false, editing, editReturnsFocus, onEditingChange }: RoomMessageItemProps) {
  const [ownEditing, setOwnEditing] = useState(false);
  const author = message.author;
  // A message waiting for approval cannot be answered yet.
  const replyable = !inThread && ctx.onReply !== null && message.status !== 'Pending';
  const onReply = ctx.onReply;
  const replyAction: ReactNode =
    replyable && onReply ? (
      <button
        type="button"
        className="message-action"
        onClick={() => {
          onReply(message);
        }}
      >
        Reply
      </button>
    ) : undefined;
  return (
    <MessageItem
      message={message}
      own={author.id === ctx.meId}
      continued={continued}
      concealed={ctx.isBlocked(author.id)}
      // A moderator's powers stay out of private conversations; reports still reach the moderators.
      canModerate={ctx.isModerator && !ctx.isConversation}
      onEdited={ctx.onEdited}
      onDeleted={ctx.onDeleted}
      reactions={ctx.reactions}
      editing={editing ?? ownEditing}
      editReturnsFocus={editReturnsFocus}
      onEditingChange={onEditingChange ?? setOwnEditing}
      onReport={ctx.onReport}
      replyAction={replyAction}
      onQuote={inThread ? null : ctx.onQuote}
      onOpenThread={inThread ? undefined : ctx.onOpenThread}
      highlighted={!inThread && ctx.highlightId === message.id}
      authorActions={
        <>
          <PersonActions person={author} offerMessage={author.id !== ctx.directWith} events={ctx.quickEvents} />
          {/* Never offered against an admin (the Api would refuse it anyway). */}
          {ctx.isModerator && !ctx.isConversation && author.role !== 'Admin' && (
            <AuthorQuickActions author={author} roomId={ctx.roomId} events={ctx.quickEvents} />
          )}
        </>
      }
    />
  );
}
