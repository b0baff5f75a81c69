// The chat's test data: people, a room and its messages, as the hub sends them.
import type { Conversation } from '../api/conversations.ts';
import type { JoinRoomResult, MessageDto, RoomInfo, UserSummary } from '../realtime/contracts.ts';

export const bob: UserSummary = { id: 'id-bob', userName: 'bob', displayName: 'Bob', avatarUrl: null, role: 'User', phoneVerified: false };
export const boss: UserSummary = { id: 'id-boss', userName: 'boss', displayName: 'The Boss', avatarUrl: null, role: 'Admin', phoneVerified: false };
/** The signed-in user of `signedIn('User')`. */
export const me: UserSummary = { id: 'id-user', userName: 'user', displayName: 'User Person', avatarUrl: null, role: 'User', phoneVerified: false };

export const roomInfo: RoomInfo = {
  id: 'r1',
  loungeId: 'l1',
  slug: 'en',
  name: 'English',
  languageCode: 'en',
  topic: 'Say hi',
  moderationMode: 'PostModerated',
  slowModeSeconds: 0,
  guestsCanWrite: true,
  requiresVerifiedPhone: false,
  adultsOnly: false,
  kind: 'Lounge',
};

/** Message `seq` of room r1, its change number the same as its seq. */
export function message(seq: number, content: string, author: UserSummary = bob, overrides: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `m${String(seq)}`,
    roomId: 'r1',
    seq,
    changeSeq: seq,
    author,
    content,
    status: 'Approved',
    clientMessageId: `c${String(seq)}`,
    createdAt: '2025-01-01T10:00:00Z',
    editedAt: null,
    deleted: false,
    replyCount: 0,
    ...overrides,
  };
}

export function joinResult(overrides: Partial<JoinRoomResult> = {}): JoinRoomResult {
  return { room: roomInfo, online: [bob], messages: [], changeSeq: 0, hasMore: false, ...overrides };
}

export const cy: UserSummary = { id: 'id-cy', userName: 'cy', displayName: 'Cy', avatarUrl: null, role: 'User', phoneVerified: false };
export const dee: UserSummary = { id: 'id-dee', userName: 'dee', displayName: null, avatarUrl: null, role: 'User', phoneVerified: false };
export const guest: UserSummary = { id: 'id-gus', userName: 'gus', displayName: 'Gus', avatarUrl: null, role: 'Guest', phoneVerified: false };

/** A conversation as the join describes it: a room of kind Conversation, without lounge, language or rules. */
export function conversationInfo(id = 'c1'): RoomInfo {
  return {
    id,
    loungeId: null,
    slug: `c-${id}`,
    name: 'Conversation',
    languageCode: 'und',
    topic: null,
    moderationMode: 'PostModerated',
    slowModeSeconds: 0,
    guestsCanWrite: false,
    requiresVerifiedPhone: false,
    adultsOnly: false,
    kind: 'Conversation',
  };
}

/** A conversation of `me` with `others` (a group when more than one), as the Api lists it. */
export function conversation(id: string, others: UserSummary[], lastMessage: MessageDto | null = null): Conversation {
  return { id, members: [me, ...others], isGroup: others.length > 1, createdAt: '2025-01-01T08:00:00Z', lastMessage };
}
