// The hub's payloads as the server sends them (C# records in ChatRoom.Realtime/Contracts, JSON camelCase).
// Ids are GUID strings; sequence numbers fit a JavaScript number.

export interface UserSummary {
  id: string;
  userName: string;
  displayName: string | null;
  avatarUrl: string | null;
  role: 'Guest' | 'User' | 'Moderator' | 'Admin';
}

/** `Approved` or `Pending` (pre-moderated rooms); rejected messages reach clients as deletions. */
export type MessageStatus = 'Pending' | 'Approved' | 'Rejected' | (string & {});

export interface MessageDto {
  id: string;
  roomId: string;
  /** Position in the room: orders messages. */
  seq: number;
  /** The room's change counter at this message's last create, edit or delete. */
  changeSeq: number;
  author: UserSummary;
  content: string;
  status: MessageStatus;
  clientMessageId: string;
  createdAt: string;
  editedAt: string | null;
  /** A tombstone in catch-up answers. */
  deleted: boolean;
}

export interface RoomInfo {
  id: string;
  loungeId: string;
  slug: string;
  name: string;
  languageCode: string;
  topic: string | null;
  /** `PostModerated` or `PreModerated`. */
  moderationMode: string;
  slowModeSeconds: number;
  guestsCanWrite: boolean;
}

/** The changes after a change number: creates, edits and deletions (tombstones), oldest first. */
export interface CatchUpResult {
  messages: MessageDto[];
  /** The cursor to continue from: every change up to it is covered, including ones the caller may not see. */
  changeSeq: number;
  /** The answer was cut short: ask again from `changeSeq`. */
  hasMore: boolean;
}

export interface JoinRoomResult extends CatchUpResult {
  room: RoomInfo;
  online: UserSummary[];
  /** Without `afterChangeSeq`: the latest messages, ascending (`hasMore`: older ones exist). With it: every change since. */
  messages: MessageDto[];
}

export interface SendAck {
  id: string;
  roomId: string;
  seq: number;
  changeSeq: number;
  createdAt: string;
}

export interface MessageDeletedEvent {
  roomId: string;
  messageId: string;
  seq: number;
  changeSeq: number;
}

/** The room's latest committed change, sent now and then (also while the broadcast backplane is down). */
export interface RoomHeadEvent {
  roomId: string;
  changeSeq: number;
}

export interface RoomMemberEvent {
  roomId: string;
  user: UserSummary;
}

export interface TypingEvent {
  roomId: string;
  user: UserSummary;
  isTyping: boolean;
}

export interface PresenceEvent {
  userId: string;
  online: boolean;
  lastSeenAt: string;
}

export interface SessionRevokedEvent {
  reason: string;
}

export type ModerationNoticeKind = 'Warn' | 'Mute' | 'Unmute' | 'Kick' | 'Ban';

/** A moderator acted on this user. On `Kick` the server has already taken the connection out of `roomId`. */
export interface ModerationNoticeEvent {
  kind: ModerationNoticeKind;
  roomId: string | null;
  reason: string | null;
  expiresAt: string | null;
}

/** Display name when there is one, else the user name. */
export function nameOf(user: UserSummary): string {
  return user.displayName?.trim() || user.userName;
}
