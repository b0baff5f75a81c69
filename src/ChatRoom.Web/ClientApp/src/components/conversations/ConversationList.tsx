import { Link } from 'react-router-dom';
import type { Conversation } from '../../api/conversations.ts';
import { unreadText } from '../../api/unread.ts';
import { nameOf, type MessageDto } from '../../realtime/contracts.ts';
import { conversationPath } from '../../routing/paths.ts';
import { conversationTitle } from './conversationTitle.ts';

const PREVIEW_LENGTH = 80;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The user's conversations as the Api orders them (most recently active first); each opens its conversation. */
export function ConversationList({
  conversations,
  meId,
  isBlocked,
  unread = () => 0,
}: {
  conversations: readonly Conversation[];
  meId: string;
  isBlocked: (userId: string) => boolean;
  /** Unread messages per conversation (the server counts up to 100). */
  unread?: (conversationId: string) => number;
}) {
  if (conversations.length === 0) return <p className="muted">No conversations yet.</p>;
  return (
    <ul className="conversation-list" aria-label="Conversations">
      {conversations.map((conversation) => (
        <li key={conversation.id} className="conversation">
          <Link to={conversationPath(conversation.id)} className="conversation-name">
            {conversationTitle(conversation.members, meId)}
          </Link>
          {/* In words, not only a look. */}
          {conversation.isGroup && <span className="badge">Group</span>}
          {unread(conversation.id) > 0 && <span className="count-badge">{unreadText(unread(conversation.id))} unread</span>}
          {conversation.lastMessage === null ? (
            <p className="conversation-last muted">No messages yet.</p>
          ) : (
            <LastMessage message={conversation.lastMessage} meId={meId} hidden={isBlocked(conversation.lastMessage.author.id)} />
          )}
        </li>
      ))}
    </ul>
  );
}

function LastMessage({ message, meId, hidden }: { message: MessageDto; meId: string; hidden: boolean }) {
  // A blocked person's words stay hidden here too, as in the conversation itself.
  return (
    <p className="conversation-last">
      {hidden ? (
        <span className="muted">Message from a blocked person</span>
      ) : (
        <>
          <span className="conversation-author">{message.author.id === meId ? 'You' : nameOf(message.author)}:</span>{' '}
          {preview(message.content)}
        </>
      )}{' '}
      <time dateTime={message.createdAt} className="message-time">
        {when(message.createdAt)}
      </time>
    </p>
  );
}

/** One line, cut at a word where it is long. */
export function preview(content: string): string {
  const line = content.replace(/\s+/g, ' ').trim();
  if (line.length <= PREVIEW_LENGTH) return line;
  const cut = line.slice(0, PREVIEW_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > PREVIEW_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Today's messages by their time; older ones with their date. */
function when(iso: string): string {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? timeFormat.format(date) : dateTimeFormat.format(date);
}
