// The error codes the SPA acts on, in one place. The server puts a stable `code` beside the human `detail` of every
// REST problem and every hub error; the SPA decides on the code and shows the detail, never the other way round.
// Codes not listed here are still shown (their detail), just not acted on. Each must be one the server's document
// lists (`ErrorCode`, generated): a code renamed or dropped on the server fails the type check here.
import type { components } from './schema.gen.ts';

type ServerErrorCode = components['schemas']['ErrorCode'];

export const ErrorCodes = {
  /** The sender is muted: the composer says so until the mute ends or is lifted. */
  muted: 'chat.muted',
  /** Removed from the room by a moderator: back to the lounges. */
  kicked: 'chat.kicked',
  /** The hub call budget or the send limit; every other limit ends in `.rate_limited` too. */
  rateLimited: 'chat.rate_limited',
  /** A hub call for a room this connection has not joined (or no longer has): join again. */
  notJoined: 'chat.not_joined',
  invalidCredentials: 'auth.invalid_credentials',
  /** The session was revoked, expired or its user is gone: back to sign in. */
  sessionEnded: 'auth.session_ended',
  unauthorized: 'auth.unauthorized',
  roomNotFound: 'room.not_found',
  /** Archived rooms are read only. */
  roomArchived: 'room.archived',
  /** An 18+ room (or lounge) and a member whose age is not verified: the room page points to the profile's verification. */
  ageVerificationRequired: 'room.age_verification_required',
  /** A conversation of two where one has blocked the other: sends are refused, and the composer says why. */
  conversationBlocked: 'conversation.blocked',
  /** Upgrading a guest: the user name belongs next to its field. */
  nameTaken: 'auth.name_taken',
  /** The identity document's upload, answered by its own form in words that fit it. */
  identityUnsupportedType: 'identity.unsupported_type',
  identityFileMissing: 'identity.file_missing',
  identityTooLarge: 'identity.too_large',
  identityPending: 'identity.pending',
  identityAlreadyVerified: 'identity.already_verified',
  identityGuest: 'identity.guest',
  identityUnavailable: 'identity.unavailable',
  /** A moderator's review: the document is gone, was decided by someone else, or is the moderator's own. */
  identityDocumentDeleted: 'identity.document_deleted',
  identityDecided: 'identity.decided',
  identityOwnDocument: 'identity.own_document',
  identityNotFound: 'identity.not_found',
  /** Reacting faster than the server allows: the reaction row says how long to wait (`retryAfter`). */
  reactionRateLimited: 'reaction.rate_limited',
  /** An emoji not among GET /api/reactions (the list changed since it was read): it is read again. */
  reactionUnknown: 'reaction.unknown',
  /** A search the server cannot run (empty, longer than 200 characters, or no words left to look for). */
  searchQueryInvalid: 'search.query_invalid',
  /** A reply to a message that is gone, in another room or not readable: the pending reply says so. */
  replyTargetInvalid: 'message.reply_target_invalid',
  /** A thread whose original is gone or not readable. */
  messageNotFound: 'message.not_found',
  /** A file upload, answered per file in words that fit it (attachmentErrors.ts). */
  attachmentTypeDenied: 'attachment.type_denied',
  attachmentTooLarge: 'attachment.too_large',
  attachmentFileMissing: 'attachment.file_missing',
  attachmentGuest: 'attachment.guest',
  attachmentRateLimited: 'attachment.rate_limited',
  attachmentUnavailable: 'attachment.unavailable',
  /** A send whose attachment ids are wrong, used already, or too many. */
  attachmentInvalid: 'attachment.invalid',
  /** A file that is gone (its message deleted): "File no longer available". */
  attachmentNotFound: 'attachment.not_found',
  /** Validation failures; `errors` names the fields. */
  requestInvalid: 'request.invalid',
  /** A report of something the reporter reported before, still open: not a failure to them. */
  reportDuplicate: 'report.duplicate',
  /** No such listing, or one the user may not see (a draft, withdrawn or removed listing of someone else). */
  listingNotFound: 'listing.not_found',
  /** Selling needs a verified phone: the form points to the profile. */
  listingPhoneRequired: 'listing.phone_required',
  /** The listing changed meanwhile (sold, reserved, removed): it is read again. */
  listingWrongState: 'listing.wrong_state',
  /** Someone else is paying for the listing, or it was sold: it is read again. (Other refusals to buy are shown as said.) */
  purchaseUnavailable: 'purchase.unavailable',
  purchaseNotFound: 'purchase.not_found',
  /** A refund of a purchase that is not paid (any more): the list is read again. */
  purchaseWrongState: 'purchase.wrong_state',
  /** A payout of more than the seller is owed (or not a valid amount). */
  payoutInvalid: 'payout.invalid',
} as const satisfies Record<string, ServerErrorCode>;

export type KnownErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** What the SPA knows about a failure from the server, whether it came as problem details or a hub error. */
export interface ErrorInfo {
  code: string | null;
  detail: string;
  /** Seconds to wait before trying again (rate limits). */
  retryAfter: number | null;
}

export function isRateLimited(code: string | null | undefined): boolean {
  return code === ErrorCodes.rateLimited || (code?.endsWith('.rate_limited') ?? false);
}

/** The server no longer accepts this session: the user must sign in again. */
export function endsSession(code: string | null | undefined): boolean {
  return code === ErrorCodes.sessionEnded || code === ErrorCodes.unauthorized;
}

/**
 * The detail as the server words it: a limit's detail already says how long to wait. Only a limit answered without
 * a detail is given the wait from `retryAfter`.
 */
export function describeInfo({ code, detail, retryAfter }: ErrorInfo): string {
  if (detail !== '' || !isRateLimited(code) || retryAfter === null) return detail;
  return `Too many requests. Try again in ${String(retryAfter)} s.`;
}
