using ChatRoom.Api.Auth;

namespace ChatRoom.Api.Users;

/// <summary>An admin may name an account as they see fit, a staff name included. Without a role, a User.</summary>
public sealed record CreateUserRequest(
    [MustHave, UserName] string? UserName,
    [MustHave, Password] string? Password,
    [EnumName(typeof(UserRole), Allowed = new[] { nameof(UserRole.User), nameof(UserRole.Moderator), nameof(UserRole.Admin) })] string? Role,
    [VisibleName(1, StaffAllowed = true)] string? DisplayName);

public sealed record ChangeRoleRequest(
    [MustHave, EnumName(typeof(UserRole), Allowed = new[] { nameof(UserRole.User), nameof(UserRole.Moderator), nameof(UserRole.Admin) })] string? Role);

/// <summary>
/// A partial update: a field left out (or null) keeps its value, an empty string clears it. Whether a staff name is
/// allowed depends on who asks, so the handler checks that.
/// </summary>
public sealed record UpdateProfileRequest(
    [VisibleName(0, StaffAllowed = true)] string? DisplayName,
    [Text(0, 2048, Trim = true), HttpUrl] string? AvatarUrl);

public static class Roles
{
    /// <summary>Roles an admin can give; Guest belongs to temporary accounts only.</summary>
    public static readonly UserRole[] Assignable = [UserRole.User, UserRole.Moderator, UserRole.Admin];

    public static UserRole Parse(string? role) =>
        EnumNames.Parse(role ?? nameof(UserRole.User), Assignable) ?? throw new ArgumentException($"'{role}' is not an assignable role.", nameof(role));
}
