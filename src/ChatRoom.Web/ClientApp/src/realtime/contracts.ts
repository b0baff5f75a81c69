// The hub's payloads as the server sends them (C# records in ChatRoom.Realtime/Contracts, JSON camelCase).
// Ids are GUID strings; sequence numbers fit a JavaScript number.

export interface UserSummary {
  id: string;
  userName: string;
  displayName: string | null;
  avatarUrl: string | null;
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

export interface JoinRoomResult {
  room: RoomInfo;
  online: UserSummary[];
  /** Without `afterChangeSeq`: the latest messages, ascending. With it: every change since, oldest first. */
  messages: MessageDto[];
  changeSeq: number;
  hasMore: boolean;
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
