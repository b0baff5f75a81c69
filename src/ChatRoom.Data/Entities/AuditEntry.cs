using System.Text.Json;

namespace ChatRoom.Data.Entities;

/// <summary>
/// One security- or moderation-relevant change, written in the same transaction as the change.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    /// <summary>Dotted verb, e.g. <c>user.login</c>, <c>message.delete</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>Null when the system acted (seed, Worker jobs) or the actor is unknown (failed login).</summary>
    public Guid? ActorId { get; set; }

    public string? IpAddress { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public JsonDocument? Before { get; set; }
    public JsonDocument? After { get; set; }
    public JsonDocument? Metadata { get; set; }
}

public static class AuditActions
{
    public const string SeedAdmin = "system.seed_admin";
    public const string Register = "user.register";
    public const string Login = "user.login";
    public const string LoginFailed = "user.login_failed";
    public const string Logout = "user.logout";
    public const string RefreshReuse = "session.refresh_reuse";
    public const string PasswordChange = "user.password_change";
    public const string UserCreate = "user.create";
    public const string RoleChange = "user.role_change";
    public const string UserDelete = "user.delete";
    public const string GuestCreate = "user.guest_create";
    public const string GuestExpire = "user.guest_expire";
    public const string GuestUpgrade = "user.guest_upgrade";
    public const string ProfileUpdate = "user.profile_update";
    public const string PhoneCodeSent = "user.phone_code_sent";
    public const string PhoneVerify = "user.phone_verify";
    public const string PhoneMoved = "user.phone_moved";
    public const string PhoneRemove = "user.phone_remove";
    public const string IdentitySubmit = "identity.submit";
    public const string IdentityView = "identity.view";
    public const string IdentityApprove = "identity.approve";
    public const string IdentityReject = "identity.reject";
    public const string IdentityDelete = "identity.delete";
    public const string ListingPublish = "listing.publish";
    public const string ListingWithdraw = "listing.withdraw";
    public const string ListingRemove = "listing.remove";
    public const string PurchaseStart = "purchase.start";
    public const string PurchasePaid = "purchase.paid";
    public const string PurchaseExpire = "purchase.expire";
    public const string PurchaseFail = "purchase.fail";
    public const string PurchaseRefundRequest = "purchase.refund_request";
    public const string PurchaseRefunded = "purchase.refunded";
    public const string PayoutMarkPaid = "payout.mark_paid";
    public const string MessageEdit = "message.edit";
    public const string MessageDelete = "message.delete";
    public const string MessageReject = "message.reject";
    public const string MessageApprove = "message.approve";
    public const string ReportCreate = "report.create";
    public const string ReportResolve = "report.resolve";
    public const string ReportDismiss = "report.dismiss";
    public const string LoungeCreate = "lounge.create";
    public const string LoungeUpdate = "lounge.update";
    public const string RoomCreate = "room.create";
    public const string RoomUpdate = "room.update";

    /// <summary><c>moderation.warn</c>, <c>moderation.mute</c>, ...: one per <see cref="ModerationActionKind"/>.</summary>
    public static string Moderation(ModerationActionKind kind) => kind switch
    {
        ModerationActionKind.Warn => "moderation.warn",
        ModerationActionKind.Mute => "moderation.mute",
        ModerationActionKind.Unmute => "moderation.unmute",
        ModerationActionKind.Kick => "moderation.kick",
        ModerationActionKind.Ban => "moderation.ban",
        ModerationActionKind.Unban => "moderation.unban",
        ModerationActionKind.DeleteMessage => "message.delete",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public const string RestrictionExpired = "moderation.expired";
}
