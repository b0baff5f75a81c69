// The hub's payloads, generated from the C# records in ChatRoom.Contracts (through the Api's OpenAPI document:
// `npm run generate:api`). JSON camelCase; ids are GUID strings; sequence numbers fit a JavaScript number.
import type { components } from '../api/schema.gen.ts';

type Schemas = components['schemas'];

export type UserSummary = Schemas['UserSummary'];

/** `Approved` or `Pending` (pre-moderated rooms); rejected messages reach clients as deletions. */
export type MessageStatus = 'Pending' | 'Approved' | 'Rejected' | (string & {});

/**
 * `seq` orders messages in the room; `changeSeq` is the room's change counter at this message's last create, edit
 * or delete; `deleted` marks a tombstone in catch-up answers.
 */
export type MessageDto = Schemas['MessageDto'];

/**
 * What a reply quotes: the original as it is now (its first 200 characters; `deleted` with an empty excerpt once
 * it is deleted or rejected).
 */
export type ReplyPreview = Schemas['ReplyPreview'];

/** A file uploaded for a message (POST /api/rooms/{id}/attachments), read back at GET /api/attachments/{id}. */
export type AttachmentDto = Schemas['AttachmentDto'];

/** SendMessageWith's fourth argument: the message replied to and the uploaded files (at most 4) to send. */
export interface MessageExtras {
  replyToId?: string | null;
  attachmentIds?: string[] | null;
}

/** The same length the server cuts a reply's excerpt to (ReplyPreview.MaxExcerptLength). */
export const REPLY_EXCERPT_LENGTH = 200;

/** A message as its replies quote it (the server's rule, so a quote patched here reads as the server's would). */
export function previewOf(message: MessageDto): ReplyPreview {
  const gone = message.deleted || message.status === 'Rejected';
  return {
    messageId: message.id,
    seq: message.seq,
    author: message.author,
    excerpt: gone ? '' : message.content.slice(0, REPLY_EXCERPT_LENGTH),
    deleted: gone,
  };
}

/** `moderationMode` is `PostModerated` or `PreModerated`. */
export type RoomInfo = Schemas['RoomInfo'];

/**
 * The changes after a change number: creates, edits and deletions (tombstones), oldest first. `changeSeq` is the
 * cursor to continue from (every change up to it is covered, including ones the caller may not see); `hasMore`:
 * the answer was cut short, ask again from `changeSeq`.
 */
export type CatchUpResult = Schemas['CatchUpResult'];

/** Without `afterChangeSeq`: the latest messages, ascending (`hasMore`: older ones exist). With it: every change since. */
export type JoinRoomResult = Schemas['JoinRoomResult'];

export type SendAck = Schemas['SendAck'];

export type MessageDeletedEvent = Schemas['MessageDeletedEvent'];

/** The room's latest committed change, sent now and then (also while the broadcast backplane is down). */
export type RoomHeadEvent = Schemas['RoomHeadEvent'];

export type RoomMemberEvent = Schemas['RoomMemberEvent'];

export type TypingEvent = Schemas['TypingEvent'];

export type PresenceEvent = Schemas['PresenceEvent'];

/** A new message in one of the user's conversations, sent to every member's connections, joined or not. */
export type ConversationActivityEvent = Schemas['ConversationActivityEvent'];

export type NotificationKind = 'Mention' | 'DirectMessage' | 'Reply' | 'Moderation' | 'Marketplace';

/**
 * A mention, a direct message, a reply to one of the user's messages or a moderator's notice for this user, sent to all their connections as
 * NotificationCreated. `message` is null for a moderation notice (`text` says it). The record carries `kind` as a
 * string; the kinds are the ones above.
 */
export type NotificationDto = Omit<Schemas['NotificationDto'], 'kind'> & { kind: NotificationKind };

/** A read marker moved (on any of the user's devices): the room's unread count after it. */
export type RoomUnread = Schemas['RoomUnread'];

export type SessionRevokedEvent = Schemas['SessionRevokedEvent'];

export type ModerationNoticeKind = 'Warn' | 'Mute' | 'Unmute' | 'Kick' | 'Ban' | 'IdentityApproved' | 'IdentityRejected';

/**
 * A moderator acted on this user. On `Kick` the server has already taken the connection out of `roomId`. The
 * `Identity…` kinds are a decision on the user's identity document (`reason`: the moderator's). The record carries
 * `kind` as a string; the kinds are the ones above.
 */
export type ModerationNoticeEvent = Omit<Schemas['ModerationNoticeEvent'], 'kind'> & { kind: ModerationNoticeKind };

/** A hub method's error (the JSON after "HubException: "); act on `code`, never on the wording of `detail`. */
export type HubError = Schemas['HubError'];

export type ErrorCode = Schemas['ErrorCode'];

/** Display name when there is one, else the user name. */
export function nameOf(user: UserSummary): string {
  return user.displayName?.trim() || user.userName;
}
