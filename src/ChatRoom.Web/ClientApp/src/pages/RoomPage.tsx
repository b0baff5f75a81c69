import { useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { AdultsOnlyNotice } from '../components/chat/AdultsOnlyNotice.tsx';
import type { QuickActionEvents } from '../components/chat/AuthorQuickActions.tsx';
import { Composer } from '../components/chat/Composer.tsx';
import { ConnectionBanner } from '../components/chat/ConnectionBanner.tsx';
import { ConversationHeader } from '../components/chat/ConversationHeader.tsx';
import { MessageList } from '../components/chat/MessageList.tsx';
import { buildRows, type MessageRow } from '../components/chat/messageRows.ts';
import { OnlineList } from '../components/chat/OnlineList.tsx';
import { PendingItem } from '../components/chat/PendingItem.tsx';
import { ReportDialog, type ReportSubject } from '../components/chat/ReportDialog.tsx';
import { RoomHeader } from '../components/chat/RoomHeader.tsx';
import { othersIn } from '../components/conversations/conversationTitle.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { PersonActions } from '../components/people/PersonActions.tsx';
import { ThreadPanel } from '../components/threads/ThreadPanel.tsx';
import { useBlocks } from '../components/people/useBlocks.ts';
import { useMarkRoomRead } from '../components/unread/useUnread.ts';
import { useChatConnection, useConnectionState } from '../realtime/ChatConnectionContext.tsx';
import { nameOf, previewOf, type MessageDto } from '../realtime/contracts.ts';
import type { PendingMessage } from '../realtime/roomState.ts';
import { CONVERSATIONS_PATH } from '../routing/paths.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useConversation } from './room/useConversation.ts';
import { typingText, useReactorNames } from './room/roomPeople.ts';
import { useReadMarkerAtOpen } from './room/useReadMarkerAtOpen.ts';
import { RoomMessageItem, type RoomMessageContext } from './room/RoomMessageItem.tsx';
import { useReplyState } from './room/useReplyState.ts';
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
  // A draft handed over by the page that opened this one (the marketplace's "Contact the seller").
  const location = useLocation();
  const draft = draftFrom(location.state);
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
  const loadedIds = useMemo(() => new Set(room.messages.map((m) => m.id)), [room.messages]);
  const replies = useReplyState(composer, loadedIds);
  const composerDisabled = room.info === null || room.readOnly !== null || phoneNeeded;
  const disabledReason =
    room.readOnly !== null ? 'This room is read only.' : phoneNeeded ? 'Verify your phone number to write here.' : undefined;
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

  const messageContext: RoomMessageContext = {
    roomId,
    meId,
    isModerator,
    isConversation,
    directWith,
    isBlocked,
    reactions,
    quickEvents,
    onEdited: room.edited,
    onDeleted: room.deleted,
    onReport: (m) => {
      setReport({ target: { messageId: m.id }, description: `${nameOf(m.author)}'s message` });
    },
    onReply: composerDisabled || room.blockedPair ? null : replies.startReply,
    onQuote: replies.showOriginal,
    onOpenThread: (m) => {
      replies.openThread(m.id);
    },
    highlightId: replies.highlightId,
  };
  const pendingItem = (pending: PendingMessage, continued = false) => (
    <PendingItem pending={pending} continued={continued} onRetry={room.retry} onDiscard={room.discard} />
  );

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
        data-thread={replies.threadId === null ? 'closed' : 'open'}
        onKeyDown={(event) => {
          // The phones' online panel closes with Escape, as the other popups do (an editor or picker inside keeps it).
          if (event.key === 'Escape' && onlineShown && !event.defaultPrevented) setOnlineShown(false);
        }}
      >
        <section className="chat-main" aria-label="Conversation">
          <MessageList
            rows={rows}
            older={{ hasMore: room.hasMore, loading: room.older.loading, error: room.older.error, load: () => void room.loadOlder() }}
            focusKey={editing?.id ?? replies.highlightId}
            renderRow={(row: MessageRow) =>
              row.kind === 'pending' ? (
                pendingItem(row.pending, row.continued)
              ) : row.kind === 'message' ? (
                <RoomMessageItem
                  ctx={messageContext}
                  message={row.message}
                  continued={row.continued}
                  editing={editing?.id === row.message.id}
                  editReturnsFocus={editing?.fromComposer !== true}
                  onEditingChange={(open) => {
                    editingChanged(row.message, open);
                  }}
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
            disabled={composerDisabled}
            disabledReason={disabledReason}
            onSend={(content, attachments) => {
              room.sendNew(content, { replyTo: replies.replyingTo, attachments });
              replies.replySent();
              // Sent: a reload must not offer the draft again.
              if (draft !== undefined) void navigate(location.pathname, { replace: true, state: null });
            }}
            onTyping={room.typing}
            onEditLast={editLast}
            replyingTo={replies.replyingTo}
            onCancelReply={replies.cancelReply}
            // Guests cannot send files (the Api refuses them with attachment.guest).
            attachTo={me !== null && me.role !== 'Guest' ? roomId : null}
            initialText={draft}
          />
        </section>

        {replies.threadId !== null && (
          <ThreadPanel
            key={replies.threadId}
            messageId={replies.threadId}
            live={{ messages: room.messages, pending: room.pending, deletedIds: room.deletedIds }}
            renderMessage={(m) => <RoomMessageItem ctx={messageContext} message={m} inThread />}
            renderPending={(p) => pendingItem(p)}
            onReply={(content, original) => {
              room.sendNew(content, { replyTo: previewOf(original) });
            }}
            onTyping={room.typing}
            composerDisabled={composerDisabled || room.blockedPair}
            disabledReason={disabledReason}
            onClose={replies.closeThread}
          />
        )}

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

function draftFrom(state: unknown): string | undefined {
  return typeof state === 'object' && state !== null && 'draft' in state && typeof state.draft === 'string' ? state.draft : undefined;
}
