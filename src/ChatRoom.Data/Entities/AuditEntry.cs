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
    public const string ProfileUpdate = "user.profile_update";
    public const string MessageEdit = "message.edit";
    public const string MessageDelete = "message.delete";
}
