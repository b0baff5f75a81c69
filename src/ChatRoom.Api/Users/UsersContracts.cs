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
        errors.Text(nameof(DisplayName), DisplayName, 1, 64, required: false);
        Roles.Validate(errors, Role ?? nameof(UserRole.User));
    }
}

public sealed record ChangeRoleRequest(string? Role) : IValidatable
{
    public void Validate(ValidationErrors errors) => Roles.Validate(errors, Role);
}

public sealed record UpdateProfileRequest(string? DisplayName, string? AvatarUrl) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(DisplayName), DisplayName, 1, 64, required: false);
        errors.Text(nameof(AvatarUrl), AvatarUrl, 0, 2048, required: false);
        if (!string.IsNullOrEmpty(AvatarUrl) &&
            !(Uri.TryCreate(AvatarUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            errors.Add(nameof(AvatarUrl), "AvatarUrl must be an absolute http or https URL.");
    }
}

public static class Roles
{
    /// <summary>Roles an admin can give; Guest belongs to temporary accounts only.</summary>
    public static readonly UserRole[] Assignable = [UserRole.User, UserRole.Moderator, UserRole.Admin];

    public static UserRole Parse(string? role) => Enum.Parse<UserRole>(role ?? nameof(UserRole.User), ignoreCase: true);

    public static void Validate(ValidationErrors errors, string? role)
    {
        if (role is null)
            errors.Add("Role", "Role is required.");
        else if (!Enum.TryParse<UserRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) ||
            !Assignable.Contains(parsed) || role.Any(char.IsDigit))
            errors.Add("Role", $"Role must be one of: {string.Join(", ", Assignable)}.");
    }
}
