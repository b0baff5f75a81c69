import { useCallback, useEffect, useEffectEvent, useMemo, useReducer, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { deleteMessage, editMessage, fetchOlderMessages } from '../api/messages.ts';
import { describeError } from '../api/problems.ts';
import { AuthorQuickActions, type QuickActionEvents } from '../components/chat/AuthorQuickActions.tsx';
import { Composer } from '../components/chat/Composer.tsx';
import { ConnectionBanner } from '../components/chat/ConnectionBanner.tsx';
import { MessageItem, PendingItem } from '../components/chat/MessageItem.tsx';
import { OnlineList } from '../components/chat/OnlineList.tsx';
import { ReportDialog, type ReportSubject } from '../components/chat/ReportDialog.tsx';
import { RoomHeader } from '../components/chat/RoomHeader.tsx';
import { useAutoScroll } from '../components/chat/useAutoScroll.ts';
import { describeNotice } from '../components/ModerationNoticeBanner.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useChatConnection, useConnectionState } from '../realtime/ChatConnectionContext.tsx';
import { HubEvents } from '../realtime/connection.ts';
import { nameOf, type MessageDto, type RoomInfo, type UserSummary } from '../realtime/contracts.ts';
import { initialRoomState, oldestSeq, orderedMessages, roomReducer, type PendingMessage } from '../realtime/roomState.ts';
import { describeHubError, hubError } from '../realtime/hubErrors.ts';
import { ErrorCodes } from '../api/errorCodes.ts';
import { useSession } from '../session/SessionContext.tsx';

// Someone whose Typing(false) got lost stops "typing" after this long.
const TYPING_TIMEOUT_MS = 6000;

type JoinState = { kind: 'joining' } | { kind: 'joined'; room: RoomInfo } | { kind: 'failed'; message: string };

export function RoomPage({ roomId }: { roomId: string }) {
  const connection = useChatConnection();
  const connectionState = useConnectionState();
  const { state: sessionState, isModerator } = useSession();
  const me = sessionState.status === 'signedIn' ? sessionState.user : null;
  const navigate = useNavigate();
  const leaveForLounges = useEffectEvent(() => {
    void navigate('/');
  });

  const [join, setJoin] = useState<JoinState>({ kind: 'joining' });
  const [attempt, setAttempt] = useState(0);
  const [room, dispatch] = useReducer(roomReducer, initialRoomState);
  const [online, setOnline] = useState<UserSummary[]>([]);
  const [typing, setTyping] = useState<Record<string, { user: UserSummary; until: number }>>({});
  const [older, setOlder] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const [actionError, setActionError] = useState<string | null>(null);
  const [actionStatus, setActionStatus] = useState('');
  const [report, setReport] = useState<ReportSubject | null>(null);
  // Why sends fail right now: the Api's "You are muted until …", or the notice of a mute.
  const [muted, setMuted] = useState<string | null>(null);

  // Join on mount, leave on unmount; live events, catch-up after lost broadcasts and after reconnects feed the reducer.
  useEffect(() => {
    let active = true;
    const forRoom = (id: string) => active && id === roomId;
    const offs = [
      connection.on(HubEvents.MessageCreated, (m) => {
        if (forRoom(m.roomId)) dispatch({ type: 'created', message: m });
      }),
      connection.on(HubEvents.MessageUpdated, (m) => {
        if (forRoom(m.roomId)) dispatch({ type: 'updated', message: m });
      }),
      connection.on(HubEvents.RoomUpdated, (info) => {
        if (forRoom(info.id)) setJoin((j) => (j.kind === 'joined' ? { kind: 'joined', room: info } : j));
      }),
      connection.on(HubEvents.ModerationNotice, (notice) => {
        if (!active) return;
        // The banner above every page says what happened; here only what it means for this room.
        if (notice.kind === 'Kick' && notice.roomId === roomId) leaveForLounges();
        else if (notice.kind === 'Mute') setMuted(describeNotice(notice));
        else if (notice.kind === 'Unmute') setMuted(null);
      }),
      connection.on(HubEvents.MessageDeleted, (e) => {
        if (forRoom(e.roomId)) dispatch({ type: 'deleted', messageId: e.messageId, changeSeq: e.changeSeq });
      }),
      connection.on(HubEvents.UserJoined, (e) => {
        if (forRoom(e.roomId)) setOnline((list) => [...list.filter((u) => u.id !== e.user.id), e.user]);
      }),
      connection.on(HubEvents.UserLeft, (e) => {
        if (forRoom(e.roomId)) setOnline((list) => list.filter((u) => u.id !== e.user.id));
      }),
      connection.on(HubEvents.PresenceChanged, (e) => {
        if (active && !e.online) setOnline((list) => list.filter((u) => u.id !== e.userId));
      }),
      connection.on(HubEvents.Typing, (e) => {
        if (!forRoom(e.roomId)) return;
        setTyping((current) => {
          const others = Object.fromEntries(Object.entries(current).filter(([id]) => id !== e.user.id));
          return e.isTyping ? { ...others, [e.user.id]: { user: e.user, until: Date.now() + TYPING_TIMEOUT_MS } } : others;
        });
      }),
      connection.onRejoined((id, outcome) => {
        if (!forRoom(id)) return;
        if ('error' in outcome) {
          setActionError(`Could not catch up with the room: ${describeHubError(outcome.error)}`);
          return;
        }
        dispatch({ type: 'caughtUp', result: outcome.result });
        setOnline(outcome.result.online);
      }),
      connection.onCaughtUp((id, result) => {
        if (forRoom(id)) dispatch({ type: 'caughtUp', result });
      }),
    ];
    connection.joinRoom(roomId).then(
      (result) => {
        if (!active) return;
        dispatch({ type: 'joined', result });
        setOnline(result.online);
        setJoin({ kind: 'joined', room: result.room });
      },
      (error: unknown) => {
        if (active) setJoin({ kind: 'failed', message: describeHubError(error) });
      },
    );
    return () => {
      active = false;
      for (const off of offs) off();
      connection.leaveRoom(roomId).catch(() => undefined);
    };
  }, [connection, roomId, attempt]);

  // Forget typists whose last signal is too old.
  useEffect(() => {
    const entries = Object.values(typing);
    if (entries.length === 0) return;
    const soonest = Math.min(...entries.map((t) => t.until));
    const timer = setTimeout(() => {
      setTyping((current) => Object.fromEntries(Object.entries(current).filter(([, t]) => t.until > Date.now())));
    }, Math.max(0, soonest - Date.now()) + 50);
    return () => {
      clearTimeout(timer);
    };
  }, [typing]);

  const info = join.kind === 'joined' ? join.room : null;
  // The ack does not say whether the message waits for approval; the room's mode does.
  const heldForApproval = info?.moderationMode === 'PreModerated' && !isModerator;

  const send = useCallback(
    (pending: Pick<PendingMessage, 'clientMessageId' | 'content'>) => {
      connection.sendMessage(roomId, pending.content, pending.clientMessageId).then(
        (ack) => {
          setMuted(null);
          const status = heldForApproval ? 'Pending' : undefined;
          dispatch({ type: 'sendAcked', clientMessageId: pending.clientMessageId, ack, status });
        },
        (error: unknown) => {
          const message = describeHubError(error);
          // A muted user's send: the composer says so, and retrying is pointless until the mute ends.
          if (hubError(error)?.code === ErrorCodes.muted) setMuted(message);
          dispatch({ type: 'sendFailed', clientMessageId: pending.clientMessageId, error: message });
        },
      );
    },
    [connection, roomId, heldForApproval],
  );

  function sendNew(content: string) {
    if (!me) return;
    const message = {
      clientMessageId: crypto.randomUUID(),
      roomId,
      author: { id: me.id, userName: me.userName, displayName: me.displayName, avatarUrl: me.avatarUrl, role: me.role },
      content,
      createdAt: new Date().toISOString(),
    };
    dispatch({ type: 'sendStarted', message });
    send(message);
  }

  function retry(pending: PendingMessage) {
    dispatch({ type: 'retrying', clientMessageId: pending.clientMessageId });
    send(pending); // the same clientMessageId: the server answers with the message if it did arrive
  }

  async function loadOlder() {
    const before = oldestSeq(room);
    if (before === null) return;
    setOlder({ loading: true, error: null });
    try {
      const page = await fetchOlderMessages(roomId, before);
      dispatch({ type: 'olderLoaded', messages: page.messages, hasMore: page.hasMore });
      setOlder({ loading: false, error: null });
    } catch (error) {
      setOlder({ loading: false, error: describeError(error) });
    }
  }

  async function edit(message: MessageDto, content: string) {
    try {
      dispatch({ type: 'updated', message: await editMessage(message.id, content) });
    } catch (error) {
      throw new Error(describeError(error), { cause: error });
    }
  }

  async function remove(message: MessageDto) {
    try {
      await deleteMessage(message.id);
      dispatch({ type: 'deleted', messageId: message.id });
    } catch (error) {
      throw new Error(describeError(error), { cause: error });
    }
  }

  const messages = useMemo(() => orderedMessages(room), [room]);
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
  const typists = Object.values(typing)
    .filter((t) => t.user.id !== me?.id)
    .map((t) => nameOf(t.user));

  const log = useAutoScroll(messages.length + room.pending.length);

  if (join.kind === 'failed') {
    return (
      <>
        <PageHeading>Room</PageHeading>
        <div role="alert" className="notice notice-error">
          <p>Could not join the room: {join.message}</p>
          <button
            type="button"
            onClick={() => {
              setJoin({ kind: 'joining' });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>{' '}
          <Link to="/">Back to the lounges</Link>
        </div>
      </>
    );
  }

  return (
    <div className="chat">
      <RoomHeader info={info} />

      <ConnectionBanner state={connectionState} joining={join.kind === 'joining'} onReconnect={() => void connection.reconnect().catch(() => undefined)} />
      <p role="status" className="status-line">
        {actionStatus}
      </p>
      {actionError !== null && (
        <p role="alert" className="notice notice-error">
          {actionError}
        </p>
      )}

      <div className="chat-body">
        <section className="chat-main" aria-label="Conversation">
          <div className="chat-scroll" ref={log}>
            {room.hasMore && (
              <div className="chat-older">
                <button type="button" disabled={older.loading} onClick={() => void loadOlder()}>
                  {older.loading ? 'Loading…' : 'Load older messages'}
                </button>
                {older.error !== null && (
                  <p role="alert" className="message-error">
                    {older.error}
                  </p>
                )}
              </div>
            )}
            <ol role="log" aria-live="polite" aria-label="Messages" className="message-list">
              {messages.map((message) => (
                <MessageItem
                  key={message.id}
                  message={message}
                  own={message.author.id === me?.id}
                  canModerate={isModerator}
                  onEdit={edit}
                  onDelete={remove}
                  onReport={(m) => {
                    setReport({ target: { messageId: m.id }, description: `${nameOf(m.author)}'s message` });
                  }}
                  authorActions={
                    // Never offered against an admin (the Api would refuse it anyway).
                    isModerator && message.author.role !== 'Admin' ? (
                      <AuthorQuickActions author={message.author} roomId={roomId} events={quickEvents} />
                    ) : null
                  }
                />
              ))}
              {room.pending.map((pending) => (
                <PendingItem
                  key={pending.clientMessageId}
                  pending={pending}
                  onRetry={retry}
                  onDiscard={(p) => {
                    dispatch({ type: 'discarded', clientMessageId: p.clientMessageId });
                  }}
                />
              ))}
            </ol>
          </div>
          <p className="typing-indicator" aria-live="polite">
            {typingText(typists)}
          </p>
          <Composer
            notice={muted}
            disabled={info === null}
            onSend={sendNew}
            onTyping={(isTyping) => {
              connection.typing(roomId, isTyping);
            }}
          />
        </section>

        <OnlineList
          online={online}
          meId={me?.id ?? null}
          onReport={(user) => {
            setReport({ target: { userId: user.id }, description: nameOf(user) });
          }}
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

export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0] ?? ''} is typing…`;
  if (names.length === 2) return `${names[0] ?? ''} and ${names[1] ?? ''} are typing…`;
  return 'Several people are typing…';
}
