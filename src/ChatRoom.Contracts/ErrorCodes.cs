namespace ChatRoom.Contracts;

/// <summary>
/// The stable codes every error carries: the <c>code</c> of a problem details answer and of a hub error. Clients act
/// on these, never on the wording of the <c>detail</c> beside them. A code, once published, keeps its meaning.
/// </summary>
public static class ErrorCodes
{
    // Any endpoint.
    public const string RequestInvalid = "request.invalid";
    public const string RateLimited = "request.rate_limited";
    public const string Unavailable = "request.unavailable";

    // Any endpoint: answers the framework writes (routing, body reading, unhandled faults).
    public const string NotFound = "request.not_found";
    public const string MethodNotAllowed = "request.method_not_allowed";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string TooLarge = "request.too_large";
    public const string Conflict = "request.conflict";
    public const string ServerError = "server.error";

    // Sign-in, sessions and access tokens.
    public const string AuthInvalidCredentials = "auth.invalid_credentials";
    public const string AuthUnauthorized = "auth.unauthorized";
    public const string AuthTokenExpired = "auth.token_expired";
    public const string AuthSessionEnded = "auth.session_ended";
    public const string AuthForbidden = "auth.forbidden";
    public const string AuthCsrfInvalid = "auth.csrf_invalid";
    public const string AuthRateLimited = "auth.rate_limited";
    public const string AuthTooManyFailures = "auth.too_many_failures";
    public const string AuthWrongPassword = "auth.wrong_password";
    public const string AuthNoPassword = "auth.no_password";
    public const string AuthNameTaken = "auth.name_taken";
    public const string AuthBanned = "auth.banned";
    public const string AuthNotGuest = "auth.not_guest";

    // Phone verification.
    public const string PhoneInvalid = "phone.invalid";
    public const string PhoneUnsupported = "phone.unsupported";
    public const string PhoneGuest = "phone.guest";
    public const string PhoneCooldown = "phone.cooldown";
    public const string PhoneRateLimited = "phone.rate_limited";
    public const string PhoneNumberRefused = "phone.number_refused";
    public const string PhoneUnavailable = "phone.unavailable";
    public const string PhoneNoChallenge = "phone.no_challenge";
    public const string PhoneCodeExpired = "phone.code_expired";
    public const string PhoneCodeInvalid = "phone.code_invalid";
    public const string PhoneTooManyAttempts = "phone.too_many_attempts";
    public const string PhoneNone = "phone.none";
    public const string PhoneConflict = "phone.conflict";

    // Users and their roles.
    public const string UserNotFound = "user.not_found";
    public const string UserGuestRole = "user.guest_role";
    public const string UserLastAdmin = "user.last_admin";

    // Lounge and room administration.
    public const string LoungeNotFound = "lounge.not_found";
    public const string LoungeSlugTaken = "lounge.slug_taken";
    public const string RoomSlugTaken = "room.slug_taken";

    // Identity documents (age verification).
    public const string IdentityUnavailable = "identity.unavailable";
    public const string IdentityGuest = "identity.guest";
    public const string IdentityAlreadyVerified = "identity.already_verified";
    public const string IdentityPending = "identity.pending";
    public const string IdentityRateLimited = "identity.rate_limited";
    public const string IdentityFileMissing = "identity.file_missing";
    public const string IdentityTooLarge = "identity.too_large";
    public const string IdentityUnsupportedType = "identity.unsupported_type";
    public const string IdentityNotFound = "identity.not_found";
    public const string IdentityDecided = "identity.decided";
    public const string IdentityOwnDocument = "identity.own_document";
    public const string IdentityDocumentDeleted = "identity.document_deleted";

    // Conversations (direct messages) and blocks.
    public const string ConversationMembersInvalid = "conversation.members_invalid";
    public const string ConversationGuest = "conversation.guest";
    public const string ConversationBlocked = "conversation.blocked";
    public const string ConversationNotFound = "conversation.not_found";
    public const string ConversationDirectCannotLeave = "conversation.direct_cannot_leave";
    public const string BlockSelf = "block.self";

    // Reports.
    public const string ReportNotFound = "report.not_found";
    public const string ReportSelf = "report.self";
    public const string ReportDuplicate = "report.duplicate";
    public const string ReportClosed = "report.closed";
    public const string ReportRateLimited = "report.rate_limited";

    // Presence.
    public const string PresenceRateLimited = "presence.rate_limited";

    // Rooms and lounges.
    public const string RoomNotFound = "room.not_found";
    public const string RoomArchived = "room.archived";
    public const string RoomGuestsCannotRead = "room.guests_cannot_read";
    public const string RoomGuestsCannotWrite = "room.guests_cannot_write";
    public const string RoomPhoneRequired = "room.phone_required";
    public const string RoomAgeVerificationRequired = "room.age_verification_required";

    // Chat: sending, joining, typing.
    public const string ChatContentInvalid = "chat.content_invalid";
    public const string ChatClientMessageIdInvalid = "chat.client_message_id_invalid";
    public const string ChatClientMessageIdConflict = "chat.client_message_id_conflict";
    public const string ChatMuted = "chat.muted";
    public const string ChatKicked = "chat.kicked";
    public const string ChatRateLimited = "chat.rate_limited";
    public const string ChatSlowMode = "chat.slow_mode";
    public const string ChatNotJoined = "chat.not_joined";
    public const string ChatNotStored = "chat.not_stored";
    public const string ChatAccountGone = "chat.account_gone";

    // Messages.
    public const string MessageNotFound = "message.not_found";
    public const string MessageNotAuthor = "message.not_author";
    public const string MessageAdminProtected = "message.admin_protected";
    public const string MessageAlreadyJudged = "message.already_judged";
    public const string MessageReplyTargetInvalid = "message.reply_target_invalid";

    // Attachments.
    public const string AttachmentUnavailable = "attachment.unavailable";
    public const string AttachmentGuest = "attachment.guest";
    public const string AttachmentTypeDenied = "attachment.type_denied";
    public const string AttachmentTooLarge = "attachment.too_large";
    public const string AttachmentFileMissing = "attachment.file_missing";
    public const string AttachmentRateLimited = "attachment.rate_limited";
    public const string AttachmentNotFound = "attachment.not_found";
    public const string AttachmentInvalid = "attachment.invalid";

    // Marketplace.
    public const string ListingNotFound = "listing.not_found";
    public const string ListingPhoneRequired = "listing.phone_required";
    public const string ListingInvalid = "listing.invalid";
    public const string ListingWrongState = "listing.wrong_state";
    public const string ListingPhotoInvalid = "listing.photo_invalid";

    // Purchases and payments.
    public const string PurchaseNotFound = "purchase.not_found";
    public const string PurchaseUnavailable = "purchase.unavailable";
    public const string PurchaseOwnListing = "purchase.own_listing";
    public const string PurchaseMembersOnly = "purchase.members_only";
    public const string PurchaseBlocked = "purchase.blocked";
    public const string PurchaseTooManyPending = "purchase.too_many_pending";
    public const string PurchaseWrongState = "purchase.wrong_state";
    public const string PurchaseInvalid = "purchase.invalid";
    public const string PaymentUnavailable = "payment.unavailable";
    public const string PaymentSignatureInvalid = "payment.signature_invalid";
    public const string PaymentEventInvalid = "payment.event_invalid";
    public const string PayoutInvalid = "payout.invalid";

    // Search.
    public const string SearchQueryInvalid = "search.query_invalid";

    // Reactions.
    public const string ReactionUnknown = "reaction.unknown";
    public const string ReactionRateLimited = "reaction.rate_limited";

    // Moderators' actions.
    public const string ModerationSelf = "moderation.self";
    public const string ModerationUserNotFound = "moderation.user_not_found";
    public const string ModerationAdminProtected = "moderation.admin_protected";
    public const string ModerationNotRestricted = "moderation.not_restricted";
    public const string ModerationOwnMessage = "moderation.own_message";
}

/// <summary>
/// A hub method's error, sent as the <c>HubException</c>'s message in JSON: clients parse it after
/// <c>"HubException: "</c> and act on <see cref="Code"/>. <see cref="RetryAfter"/> is in whole seconds.
/// </summary>
public sealed record HubError(string Code, string Detail, int? RetryAfter = null);
