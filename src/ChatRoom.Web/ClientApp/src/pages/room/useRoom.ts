// Everything a joined room holds for its page: the join, its messages (roomState's reducer), who is online and
// typing, older history, sends with their retries, and what the server's error codes mean for this room.
import { useEffect, useEffectEvent, useMemo, useReducer, useState } from 'react';
import { ErrorCodes } from '../../api/errorCodes.ts';
import type { User } from '../../api/session.ts';
import { describeNotice } from '../../components/ModerationNoticeBanner.tsx';
import { useChatConnection } from '../../realtime/ChatConnectionContext.tsx';
import { HubEvents } from '../../realtime/hubEvents.ts';
import type { AttachmentDto, MessageDto, ReplyPreview, RoomInfo, UserSummary } from '../../realtime/contracts.ts';
import { describeHubError, hubError } from '../../realtime/hubErrors.ts';
import { initialRoomState, oldestSeq, orderedMessages, roomReducer, type PendingMessage } from '../../realtime/roomState.ts';
import { useOlderMessages } from './useOlderMessages.ts';

// Someone whose Typing(false) got lost stops "typing" after this long.
const TYPING_TIMEOUT_MS = 6000;

/** What a message carries besides its text: the message it replies to, the files uploaded for it. */
export interface SendExtras {
  replyTo?: ReplyPreview | null;
  attachments?: readonly AttachmentDto[];
}

export type JoinState =
  | { kind: 'joining' }
  | { kind: 'joined'; room: RoomInfo }
  /** `final`: trying again cannot help (the room is gone, or the user was removed from it); `code`: the server's. */
  | { kind: 'failed'; message: string; final: boolean; code: string | null };

interface Options {
  roomId: string;
  me: User | null;
  isModerator: boolean;
  /** The user was removed from this room: the page leaves for the lounges. */
  onKicked: () => void;
  /** A live change could not be caught up with. */
  onSyncError: (message: string) => void;
}

export function useRoom({ roomId, me, isModerator, onKicked, onSyncError }: Options) {
  const connection = useChatConnection();
  const [join, setJoin] = useState<JoinState>({ kind: 'joining' });
  const [attempt, setAttempt] = useState(0);
  const [room, dispatch] = useReducer(roomReducer, initialRoomState);
  // Answered joins: each shows the latest page afresh.
  const [joins, setJoins] = useState(0);
  const [online, setOnline] = useState<UserSummary[]>([]);
  const [typing, setTyping] = useState<Record<string, { user: UserSummary; until: number }>>({});
  // Why sends fail right now: the server's chat.muted detail, or the notice of a mute.
  const [muted, setMuted] = useState<string | null>(null);
  // Set when the server answers room.archived: the room is read only.
  const [readOnly, setReadOnly] = useState<string | null>(null);
  // A conversation of two where one has blocked the other (conversation.blocked). Not read only for good: an unblock
  // lets the next send through, which clears it.
  const [blockedPair, setBlockedPair] = useState(false);
  const kicked = useEffectEvent(onKicked);
  const syncFailed = useEffectEvent(onSyncError);

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
        if (notice.kind === 'Kick' && notice.roomId === roomId) kicked();
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
          const code = hubError(outcome.error)?.code ?? null;
          // Back with other rights (a role changed) in a room that is 18+: the page explains instead of the room.
          if (code === ErrorCodes.ageVerificationRequired) setJoin({ kind: 'failed', message: describeHubError(outcome.error), final: true, code });
          else syncFailed(`Could not catch up with the room: ${describeHubError(outcome.error)}`);
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
        setJoins((n) => n + 1);
        setOnline(result.online);
        setJoin({ kind: 'joined', room: result.room });
      },
      (error: unknown) => {
        if (!active) return;
        const code = hubError(error)?.code ?? null;
        const final = code === ErrorCodes.roomNotFound || code === ErrorCodes.kicked;
        setJoin({ kind: 'failed', message: describeHubError(error), final, code });
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

  function send(pending: Pick<PendingMessage, 'clientMessageId' | 'content' | 'replyTo' | 'attachments'>) {
    const attachmentIds = pending.attachments?.map((a) => a.id) ?? [];
    const sent = connection.sendMessage(roomId, pending.content, pending.clientMessageId, {
      replyToId: pending.replyTo?.messageId ?? null,
      attachmentIds: attachmentIds.length === 0 ? null : attachmentIds,
    });
    sent.then(
      (ack) => {
        setMuted(null);
        setBlockedPair(false);
        const status = heldForApproval ? 'Pending' : undefined;
        dispatch({ type: 'sendAcked', clientMessageId: pending.clientMessageId, ack, status });
      },
      (error: unknown) => {
        const message = describeHubError(error);
        const code = hubError(error)?.code;
        // Not worth retrying until the mute ends: the composer says so.
        if (code === ErrorCodes.muted) setMuted(message);
        else if (code === ErrorCodes.roomArchived) setReadOnly(message);
        else if (code === ErrorCodes.conversationBlocked) setBlockedPair(true);
        else if (code === ErrorCodes.kicked) onKicked();
        // Let in once, refused now (an 18+ rule set meanwhile): the page explains instead of the room.
        else if (code === ErrorCodes.ageVerificationRequired) setJoin({ kind: 'failed', message, final: true, code });
        // The server lost this connection's membership (e.g. after a failover): join again; Retry then works.
        else if (code === ErrorCodes.notJoined) setAttempt((n) => n + 1);
        dispatch({ type: 'sendFailed', clientMessageId: pending.clientMessageId, error: message });
      },
    );
  }

  function sendNew(content: string, extras: SendExtras = {}) {
    if (!me) return;
    const message = {
      replyTo: extras.replyTo ?? null,
      attachments: extras.attachments ?? [],
      clientMessageId: crypto.randomUUID(),
      roomId,
      author: { id: me.id, userName: me.userName, displayName: me.displayName, avatarUrl: me.avatarUrl, role: me.role, phoneVerified: me.phoneVerified },
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

  const older = useOlderMessages(roomId, joins, oldestSeq(room), (page) => {
    dispatch({ type: 'olderLoaded', messages: page.messages, hasMore: page.hasMore });
  });

  const messages = useMemo(() => orderedMessages(room), [room]);
  const typists = Object.values(typing)
    .filter((t) => t.user.id !== me?.id)
    .map((t) => t.user);

  // Joining, reading history or writing: an 18+ room refuses a member whose age is not verified.
  const adultsOnlyRefused =
    (join.kind === 'failed' && join.code === ErrorCodes.ageVerificationRequired) || older.code === ErrorCodes.ageVerificationRequired;

  return {
    join,
    info,
    adultsOnlyRefused,
    messages,
    pending: room.pending,
    /** Messages deleted while the page was open (a thread drops them from what it fetched). */
    deletedIds: room.deleted,
    hasMore: room.hasMore,
    online,
    typists,
    older: { loading: older.loading, error: older.error },
    muted,
    readOnly,
    /** Sends are refused because one of the two has blocked the other. */
    blockedPair,
    sendNew,
    retry,
    discard: (pending: PendingMessage) => {
      dispatch({ type: 'discarded', clientMessageId: pending.clientMessageId });
    },
    loadOlder: older.loadOlder,
    /** The server's answer to an edit made here, applied as its hub event would be. */
    edited: (message: MessageDto) => {
      dispatch({ type: 'updated', message });
    },
    deleted: (message: MessageDto) => {
      dispatch({ type: 'deleted', messageId: message.id });
    },
    typing: (isTyping: boolean) => {
      connection.typing(roomId, isTyping);
    },
    rejoin: () => {
      setJoin({ kind: 'joining' });
      setAttempt((n) => n + 1);
    },
  };
}
