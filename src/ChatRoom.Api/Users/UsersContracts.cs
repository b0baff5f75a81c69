using ChatRoom.Api.Auth;
using ChatRoom.Api.Infrastructure;
using ChatRoom.Data.Entities;

namespace ChatRoom.Api.Users;

public sealed record CreateUserRequest(string? UserName, string? Password, string? Role, string? DisplayName) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        CredentialRules.UserName(errors, UserName);
        CredentialRules.Password(errors, nameof(Password), Password);
        // An admin may name an account as they see fit, a staff name included.
        CredentialRules.DisplayNameText(errors, DisplayName, minLength: 1);
        Roles.Validate(errors, Role ?? nameof(UserRole.User));
    }
}

public sealed record ChangeRoleRequest(string? Role) : IValidatable
{
    public void Validate(ValidationErrors errors) => Roles.Validate(errors, Role);
}

/// <summary>
/// A partial update: a field left out (or null) keeps its value, an empty string clears it.
/// </summary>
public sealed record UpdateProfileRequest(string? DisplayName, string? AvatarUrl) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        CredentialRules.DisplayNameText(errors, DisplayName, minLength: 0);
        errors.Text(nameof(AvatarUrl), AvatarUrl?.Trim(), 0, 2048, required: false);
        if (!string.IsNullOrWhiteSpace(AvatarUrl) &&
            !(Uri.TryCreate(AvatarUrl.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            errors.Add(nameof(AvatarUrl), "AvatarUrl must be an absolute http or https URL.");
    }
}

public static class Roles
{
    /// <summary>Roles an admin can give; Guest belongs to temporary accounts only.</summary>
    public static readonly UserRole[] Assignable = [UserRole.User, UserRole.Moderator, UserRole.Admin];

    public static UserRole Parse(string? role) =>
        EnumNames.Parse(role ?? nameof(UserRole.User), Assignable) ?? throw new ArgumentException($"'{role}' is not an assignable role.", nameof(role));

    public static void Validate(ValidationErrors errors, string? role)
    {
        if (role is null)
            errors.Add("Role", "Role is required.");
        else if (EnumNames.Parse(role, Assignable) is null)
            errors.Add("Role", EnumNames.OneOf("Role", Assignable));
    }
}
