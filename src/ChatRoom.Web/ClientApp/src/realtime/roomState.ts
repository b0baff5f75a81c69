// A room's messages as a pure reducer. Every change may arrive more than once and out of order (live event, ack,
// catch-up after a lost broadcast or a reconnect, an older page overlapping the latest), so each is applied
// idempotently: messages are keyed by id, ordered by seq, a newer changeSeq wins, and a deletion is final. How far
// the room's changes have been applied is the connection's business (changeCursor.ts), not the view's.
import { previewOf, type AttachmentDto, type CatchUpResult, type JoinRoomResult, type MessageDto, type MessageStatus, type ReplyPreview, type SendAck, type UserSummary } from './contracts.ts';

export interface PendingMessage {
  clientMessageId: string;
  roomId: string;
  author: UserSummary;
  content: string;
  createdAt: string;
  /** The message this one replies to, quoted while it is on its way; sent again with a retry. */
  replyTo?: ReplyPreview | null;
  /** Files uploaded for it (listed by name while it is on its way); sent again with a retry. */
  attachments?: readonly AttachmentDto[];
  status: 'sending' | 'failed';
  error: string | null;
}

export interface RoomState {
  byId: Readonly<Record<string, MessageDto>>;
  /** Deleted message ids: a late create or edit of one of these is ignored. */
  deleted: ReadonlySet<string>;
  /** Own messages sent and not yet acknowledged, in the order they were sent. */
  pending: readonly PendingMessage[];
  /** Whether older messages exist before the oldest one loaded. */
  hasMore: boolean;
}

export type RoomAction =
  | { type: 'joined'; result: JoinRoomResult }
  | { type: 'caughtUp'; result: CatchUpResult }
  | { type: 'created' | 'updated'; message: MessageDto }
  | { type: 'deleted'; messageId: string; changeSeq?: number }
  | { type: 'olderLoaded'; messages: MessageDto[]; hasMore: boolean }
  | { type: 'sendStarted'; message: Omit<PendingMessage, 'status' | 'error'> }
  /** `status`: what the server made of it; `Pending` in a pre-moderated room (the ack does not say). */
  | { type: 'sendAcked'; clientMessageId: string; ack: SendAck; status?: MessageStatus }
  | { type: 'sendFailed'; clientMessageId: string; error: string }
  | { type: 'retrying'; clientMessageId: string }
  | { type: 'discarded'; clientMessageId: string };

export const initialRoomState: RoomState = {
  byId: {},
  deleted: new Set(),
  pending: [],
  hasMore: false,
};

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'joined': {
      // A fresh join: the latest page replaces what was shown. Unacknowledged sends stay, and so do deletions and
      // changes newer than the answer: they were broadcast while it was on its way.
      const { result } = action;
      const newer = Object.values(state.byId).filter((m) => m.changeSeq > result.changeSeq);
      const fresh: RoomState = { ...initialRoomState, deleted: state.deleted, pending: state.pending, hasMore: result.hasMore };
      return applyChanges(fresh, [...result.messages, ...newer]);
    }
    case 'caughtUp':
      return applyChanges(state, action.result.messages);
    case 'created':
    case 'updated':
      return upsert(state, action.message);
    case 'deleted':
      return remove(state, action.messageId, action.changeSeq);
    case 'olderLoaded': {
      let next = state;
      for (const message of action.messages) next = upsert(next, message);
      return { ...next, hasMore: action.hasMore };
    }
    case 'sendStarted': {
      const exists = state.pending.some((p) => p.clientMessageId === action.message.clientMessageId);
      if (exists || isConfirmed(state, action.message.clientMessageId)) return state;
      return { ...state, pending: [...state.pending, { ...action.message, status: 'sending', error: null }] };
    }
    case 'sendAcked': {
      const pending = state.pending.find((p) => p.clientMessageId === action.clientMessageId);
      if (!pending) return state;
      // The echo may already be here; if not, show the message at its seq until the echo replaces it.
      const { ack } = action;
      const message: MessageDto = {
        id: ack.id,
        roomId: pending.roomId,
        seq: ack.seq,
        changeSeq: ack.changeSeq,
        author: pending.author,
        content: pending.content,
        status: action.status ?? 'Approved',
        clientMessageId: pending.clientMessageId,
        createdAt: ack.createdAt,
        editedAt: null,
        deleted: false,
        replyCount: 0,
        replyTo: pending.replyTo ?? null,
        attachments: pending.attachments ? [...pending.attachments] : null,
      };
      const next = state.byId[ack.id] ? state : upsert(state, message);
      return { ...next, pending: next.pending.filter((p) => p.clientMessageId !== action.clientMessageId) };
    }
    case 'sendFailed':
      return mapPending(state, action.clientMessageId, (p) => ({ ...p, status: 'failed', error: action.error }));
    case 'retrying':
      return mapPending(state, action.clientMessageId, (p) => ({ ...p, status: 'sending', error: null }));
    case 'discarded':
      return { ...state, pending: state.pending.filter((p) => p.clientMessageId !== action.clientMessageId) };
  }
}

/** Messages in room order (by seq). */
export function orderedMessages(state: RoomState): MessageDto[] {
  return Object.values(state.byId).sort((a, b) => a.seq - b.seq);
}

export function oldestSeq(state: RoomState): number | null {
  let oldest: number | null = null;
  for (const message of Object.values(state.byId)) if (oldest === null || message.seq < oldest) oldest = message.seq;
  return oldest;
}

function applyChanges(state: RoomState, messages: readonly MessageDto[]): RoomState {
  let next = state;
  for (const message of messages) next = message.deleted ? remove(next, message.id, message.changeSeq) : upsert(next, message);
  return next;
}

function upsert(state: RoomState, message: MessageDto): RoomState {
  if (state.deleted.has(message.id)) return state;
  const existing = state.byId[message.id];
  // An older version (e.g. a page of history loaded after a live edit) never overwrites a newer one.
  if (existing && existing.changeSeq > message.changeSeq) return state;
  // Nor does a pending copy at the same change undo an approval (a moderator's approval arrives as a create).
  if (existing?.changeSeq === message.changeSeq && existing.status === 'Approved' && message.status === 'Pending') return state;
  const pending = state.pending.filter((p) => p.clientMessageId !== message.clientMessageId);
  // An edit seen here changes the quotes of its replies shown already; a first sight of the original does not (the
  // replies came with the server's own quote).
  const byId = existing && existing.content !== message.content ? requote(state.byId, previewOf(message)) : state.byId;
  return {
    ...state,
    byId: { ...byId, [message.id]: message },
    pending: pending.length === state.pending.length ? state.pending : pending,
  };
}

/**
 * The replies to `original` quote it as it is now. Their changeSeq stays: the server's own copy of a reply, when it
 * comes, carries the same quote.
 */
function requote(
  byId: Readonly<Record<string, MessageDto>>,
  original: Pick<ReplyPreview, 'messageId' | 'excerpt' | 'deleted'>,
): Readonly<Record<string, MessageDto>> {
  let next: Record<string, MessageDto> | null = null;
  for (const [id, m] of Object.entries(byId)) {
    const quoted = m.replyTo;
    if (quoted?.messageId !== original.messageId) continue;
    if (quoted.excerpt === original.excerpt && quoted.deleted === original.deleted) continue;
    next ??= { ...byId };
    next[id] = { ...m, replyTo: { ...quoted, excerpt: original.excerpt, deleted: original.deleted } };
  }
  return next ?? byId;
}

/** `changeSeq`: the deletion's change, when known; one older than the message shown is stale. */
function remove(state: RoomState, messageId: string, changeSeq?: number): RoomState {
  if (state.deleted.has(messageId) && !state.byId[messageId]) return state;
  const existing = state.byId[messageId];
  if (existing && changeSeq !== undefined && existing.changeSeq > changeSeq) return state;
  const kept = Object.fromEntries(Object.entries(state.byId).filter(([id]) => id !== messageId));
  // Replies shown stay, quoting "Original message deleted".
  const byId = requote(kept, { messageId, excerpt: '', deleted: true });
  return { ...state, byId, deleted: new Set(state.deleted).add(messageId) };
}

function isConfirmed(state: RoomState, clientMessageId: string): boolean {
  return Object.values(state.byId).some((m) => m.clientMessageId === clientMessageId);
}

function mapPending(
  state: RoomState,
  clientMessageId: string,
  change: (pending: PendingMessage) => PendingMessage,
): RoomState {
  return {
    ...state,
    pending: state.pending.map((p) => (p.clientMessageId === clientMessageId ? change(p) : p)),
  };
}
