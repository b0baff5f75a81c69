import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { AdultsOnlyNotice } from '../components/chat/AdultsOnlyNotice.tsx';
import { AuthorQuickActions, type QuickActionEvents } from '../components/chat/AuthorQuickActions.tsx';
import { Composer } from '../components/chat/Composer.tsx';
import { ConnectionBanner } from '../components/chat/ConnectionBanner.tsx';
import { ConversationHeader } from '../components/chat/ConversationHeader.tsx';
import { MessageItem } from '../components/chat/MessageItem.tsx';
import { MessageList } from '../components/chat/MessageList.tsx';
import { buildRows, type MessageRow } from '../components/chat/messageRows.ts';
import { OnlineList } from '../components/chat/OnlineList.tsx';
import { PendingItem } from '../components/chat/PendingItem.tsx';
import { ReportDialog, type ReportSubject } from '../components/chat/ReportDialog.tsx';
import { RoomHeader } from '../components/chat/RoomHeader.tsx';
import { othersIn } from '../components/conversations/conversationTitle.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { PersonActions } from '../components/people/PersonActions.tsx';
import { useBlocks } from '../components/people/useBlocks.ts';
import { useMarkRoomRead } from '../components/unread/useUnread.ts';
import { useChatConnection, useConnectionState } from '../realtime/ChatConnectionContext.tsx';
import { nameOf, type MessageDto, type UserSummary } from '../realtime/contracts.ts';
import { CONVERSATIONS_PATH } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useConversation } from './room/useConversation.ts';
import { useReadMarkerAtOpen } from './room/useReadMarkerAtOpen.ts';
import { useRoom } from './room/useRoom.ts';

const ONLINE_ID = 'online-people';
const BLOCKED_PAIR_NOTICE = 'You cannot send messages in this conversation: one of you has blocked the other.';

/**
 * A room of a lounge, or a conversation (direct messages: a room of kind Conversation). `conversation`: opened as
 * one, so its heading is right before the join answers.
 */
export function RoomPage({ roomId, conversation = false }: { roomId: string; conversation?: boolean }) {
  const connection = useChatConnection();
  const connectionState = useConnectionState();
  const { state: sessionState, isModerator } = useSession();
  const me = sessionState.status === 'signedIn' ? sessionState.user : null;
  const navigate = useNavigate();
  const [actionError, setActionError] = useState<string | null>(null);
  const [actionStatus, setActionStatus] = useState('');
  const [report, setReport] = useState<ReportSubject | null>(null);
  // Whose editor is open; opened from the composer (Up), closing it goes back there.
  const [editing, setEditing] = useState<{ id: string; fromComposer: boolean } | null>(null);
  const [onlineShown, setOnlineShown] = useState(false);
  const composer = useRef<HTMLTextAreaElement>(null);
  const room = useRoom({
    roomId,
    me,
    isModerator,
    onKicked: () => void navigate('/'),
    onSyncError: setActionError,
  });
  const isConversation = conversation || room.info?.kind === 'Conversation';
  const details = useConversation(roomId, isConversation);
  const { isBlocked } = useBlocks();
  // Inside a conversation of two, "Message NAME" would only open it again.
  const others = details.data && !details.data.isGroup ? othersIn(details.data.members, me?.id ?? null) : [];
  const directWith = others.length === 1 ? others[0]?.id : undefined;
  // The server refuses the send anyway; the composer says why before anyone types.
  const phoneNeeded = room.info?.requiresVerifiedPhone === true && me?.phoneVerified !== true && !isModerator;
  const reactions = useReactorNames(me?.id ?? null, room.messages, room.online);
  const marker = useReadMarkerAtOpen(roomId);
  // Not before the marker at opening is known: moving it first would lose where "New messages" starts.
  useMarkRoomRead(roomId, marker.ready ? (room.messages.at(-1)?.seq ?? null) : null);
  const meId = me?.id ?? null;
  const rows = useMemo(
    () => buildRows(room.messages, room.pending, { unreadAfterSeq: marker.lastReadSeq, meId, isConcealed: (author) => isBlocked(author.id) }),
    [room.messages, room.pending, marker.lastReadSeq, meId, isBlocked],
  );

  function editLast() {
    const last = [...room.messages].reverse().find((m) => m.author.id === meId && !m.deleted);
    if (last) setEditing({ id: last.id, fromComposer: true });
  }

  function editingChanged(message: MessageDto, open: boolean) {
    if (open) {
      setEditing({ id: message.id, fromComposer: false });
      return;
    }
    if (editing?.fromComposer === true) composer.current?.focus();
    setEditing(null);
  }

  const quickEvents: QuickActionEvents = {
    onDone: (message) => {
      setActionError(null);
      setActionStatus(message);
    },
    onError: (message) => {
      setActionStatus('');
      setActionError(message);
    },
  };

  const { join } = room;
  if (room.adultsOnlyRefused) return <AdultsOnlyNotice guest={me?.role === 'Guest'} />;
  if (join.kind === 'failed') {
    return (
      <>
        <PageHeading>{isConversation ? 'Conversation' : 'Room'}</PageHeading>
        <div role="alert" className="notice notice-error">
          <p>
            Could not {isConversation ? 'open the conversation' : 'join the room'}: {join.message}
          </p>
          {!join.final && (
            <>
              <button type="button" onClick={room.rejoin}>
                Try again
              </button>{' '}
            </>
          )}
          {isConversation ? <Link to={CONVERSATIONS_PATH}>Back to your messages</Link> : <Link to="/">Back to the lounges</Link>}
        </div>
      </>
    );
  }

  return (
    <div className="chat">
      {isConversation ? (
        <ConversationHeader conversationId={roomId} conversation={details.data} meId={me?.id ?? null} onLeft={() => void navigate(CONVERSATIONS_PATH)} />
      ) : (
        <RoomHeader info={room.info} />
      )}

      <button
        type="button"
        className="online-toggle secondary"
        aria-expanded={onlineShown}
        aria-controls={ONLINE_ID}
        onClick={() => {
          setOnlineShown((shown) => !shown);
        }}
      >
        Online ({room.online.length})
      </button>
      <ConnectionBanner
        state={connectionState}
        joining={join.kind === 'joining'}
        place={isConversation ? 'the conversation' : 'the room'}
        onReconnect={() => void connection.reconnect().catch(() => undefined)}
      />
      <p role="status" className="status-line">
        {actionStatus}
      </p>
      {actionError !== null && (
        <p role="alert" className="notice notice-error">
          {actionError}
        </p>
      )}

      <div
        className="chat-body"
        data-online={onlineShown ? 'shown' : 'hidden'}
        onKeyDown={(event) => {
          // The phones' online panel closes with Escape, as the other popups do (an editor or picker inside keeps it).
          if (event.key === 'Escape' && onlineShown && !event.defaultPrevented) setOnlineShown(false);
        }}
      >
        <section className="chat-main" aria-label="Conversation">
          <MessageList
            rows={rows}
            older={{ hasMore: room.hasMore, loading: room.older.loading, error: room.older.error, load: () => void room.loadOlder() }}
            focusKey={editing?.id ?? null}
            renderRow={(row: MessageRow) =>
              row.kind === 'pending' ? (
                <PendingItem pending={row.pending} continued={row.continued} onRetry={room.retry} onDiscard={room.discard} />
              ) : row.kind === 'message' ? (
                <MessageItem
                  message={row.message}
                  own={row.message.author.id === meId}
                  continued={row.continued}
                  concealed={isBlocked(row.message.author.id)}
                  // A moderator's powers stay out of private conversations; reports still reach the moderators.
                  canModerate={isModerator && !isConversation}
                  onEdited={room.edited}
                  onDeleted={room.deleted}
                  reactions={reactions}
                  editing={editing?.id === row.message.id}
                  editReturnsFocus={editing?.fromComposer !== true}
                  onEditingChange={(open) => {
                    editingChanged(row.message, open);
                  }}
                  onReport={(m) => {
                    setReport({ target: { messageId: m.id }, description: `${nameOf(m.author)}'s message` });
                  }}
                  authorActions={
                    <>
                      <PersonActions person={row.message.author} offerMessage={row.message.author.id !== directWith} events={quickEvents} />
                      {/* Never offered against an admin (the Api would refuse it anyway). */}
                      {isModerator && !isConversation && row.message.author.role !== 'Admin' && (
                        <AuthorQuickActions author={row.message.author} roomId={roomId} events={quickEvents} />
                      )}
                    </>
                  }
                />
              ) : null
            }
          />
          <p className="typing-indicator" aria-live="polite">
            {typingText(room.typists.map(nameOf))}
          </p>
          {phoneNeeded && (
            <p className="notice">
              Only members with a verified phone write in this room. <Link to="/profile">Verify your phone number</Link> to join
              in.
            </p>
          )}
          <Composer
            inputRef={composer}
            notice={room.readOnly ?? room.muted ?? (room.blockedPair ? BLOCKED_PAIR_NOTICE : null)}
            disabled={room.info === null || room.readOnly !== null || phoneNeeded}
            disabledReason={
              room.readOnly !== null ? 'This room is read only.' : phoneNeeded ? 'Verify your phone number to write here.' : undefined
            }
            onSend={room.sendNew}
            onTyping={room.typing}
            onEditLast={editLast}
          />
        </section>

        <OnlineList
          online={room.online}
          meId={meId}
          id={ONLINE_ID}
          onReport={(user) => {
            setReport({ target: { userId: user.id }, description: nameOf(user) });
          }}
          personActions={(user) => <PersonActions person={user} offerMessage={user.id !== directWith} events={quickEvents} />}
        />
      </div>
      {report !== null && (
        <ReportDialog
          subject={report}
          onClose={() => {
            setReport(null);
          }}
        />
      )}
    </div>
  );
}

/** Reactions name the people this page has seen (authors, the online list); the server sends only their ids. */
function useReactorNames(meId: string | null, messages: readonly MessageDto[], online: readonly UserSummary[]) {
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const m of messages) names.set(m.author.id, nameOf(m.author));
    for (const u of online) names.set(u.id, nameOf(u));
    return { meId, nameOf: (userId: string) => names.get(userId) ?? null };
  }, [meId, messages, online]);
}

export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0] ?? ''} is typing…`;
  if (names.length === 2) return `${names[0] ?? ''} and ${names[1] ?? ''} are typing…`;
  return 'Several people are typing…';
}
