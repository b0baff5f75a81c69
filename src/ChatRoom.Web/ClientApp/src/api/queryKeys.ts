// Every query key in one place, so a change can invalidate exactly what it touched.
import type { AuditFilters } from './audit.ts';
import type { ListingFilters } from './listings.ts';
import type { PurchaseStatus } from './purchases.ts';
import type { ReportStatus } from './reports.ts';

export const queryKeys = {
  /** The public lounge list (lounges page, room pickers). */
  lounges: ['lounges'] as const,
  adminLounges: ['admin', 'lounges'] as const,
  users: {
    all: ['users'] as const,
    page: (cursor: string | null) => ['users', 'page', cursor] as const,
    search: (prefix: string) => ['users', 'search', prefix] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (filters: AuditFilters) => ['audit', filters] as const,
  },
  reports: {
    all: ['reports'] as const,
    list: (status: ReportStatus) => ['reports', status] as const,
  },
  moderationQueue: {
    all: ['moderation', 'queue'] as const,
    list: (roomId: string) => ['moderation', 'queue', roomId] as const,
  },
  /** A message's thread: the original and its replies, page by page (live replies come from the room). */
  thread: (messageId: string) => ['messages', messageId, 'thread'] as const,
  /** Older messages of a room, per join (a join starts the history afresh). */
  roomHistory: (roomId: string, join: number) => ['rooms', roomId, 'history', join] as const,
  /** The signed-in member's age verification (the profile); a moderator's decision invalidates it. */
  verification: ['me', 'verification'] as const,
  /** Identity documents waiting for a moderator, oldest first. */
  identityDocuments: ['moderation', 'identity-documents'] as const,
  /** Direct messages: the list (kept live by ConversationActivity) and each conversation's members. */
  conversations: {
    all: ['conversations'] as const,
    list: ['conversations', 'list'] as const,
    one: (id: string) => ['conversations', 'one', id] as const,
  },
  /** The people the signed-in member blocked: their messages are hidden in rooms and conversations. */
  blocks: ['me', 'blocks'] as const,
  moderationActions: {
    all: ['moderation', 'actions'] as const,
    list: (userId: string) => ['moderation', 'actions', userId] as const,
  },
  /** The emoji people may react with (the same for everyone). */
  reactionEmoji: ['reactions'] as const,
  /** The signed-in user's notifications: the header's unread count and the pages of the list. */
  notifications: {
    all: ['me', 'notifications'] as const,
    unread: ['me', 'notifications', 'unread'] as const,
    list: ['me', 'notifications', 'list'] as const,
  },
  /** Rooms and conversations the user muted. */
  mutes: ['me', 'mutes'] as const,
  /** Unread counts per room and conversation, kept live by ReadMarkerMoved. */
  unread: ['me', 'unread'] as const,
  /**
   * The marketplace. Lists of listings sit under `lists` (a change to a listing invalidates them all); one listing
   * under `listing`; purchases, as buyer, seller or admin, under `purchases.all`.
   */
  marketplace: {
    all: ['marketplace'] as const,
    categories: ['marketplace', 'categories'] as const,
    lists: ['marketplace', 'listings'] as const,
    browse: (filters: ListingFilters) => ['marketplace', 'listings', 'browse', filters] as const,
    mine: ['marketplace', 'listings', 'mine'] as const,
    listings: ['marketplace', 'listing'] as const,
    listing: (id: string) => ['marketplace', 'listing', id] as const,
    purchases: {
      all: ['marketplace', 'purchases'] as const,
      one: (id: string) => ['marketplace', 'purchases', 'one', id] as const,
      mine: (side: 'bought' | 'sold') => ['marketplace', 'purchases', side] as const,
      admin: (status: PurchaseStatus | null) => ['marketplace', 'purchases', 'admin', status] as const,
    },
    payables: ['marketplace', 'payables'] as const,
    ledger: ['marketplace', 'ledger'] as const,
  },
  /** Message search: each query (and room, null for everywhere) is its own list of pages. */
  search: {
    all: ['search'] as const,
    messages: (q: string, roomId: string | null) => ['search', 'messages', q, roomId] as const,
  },
};
