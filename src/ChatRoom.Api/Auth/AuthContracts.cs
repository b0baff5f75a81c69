using ChatRoom.Api.Infrastructure;
using ChatRoom.Contracts;
using ChatRoom.Data.Entities;
using ChatRoom.Data.Identity;

namespace ChatRoom.Api.Auth;

public sealed record RegisterRequest(string? UserName, string? Password, string? DisplayName) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        CredentialRules.UserName(errors, UserName);
        CredentialRules.Password(errors, nameof(Password), Password);
        CredentialRules.DisplayName(errors, DisplayName);
    }
}

public sealed record LoginRequest(string? UserName, string? Password) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        // Only shape: the rules for new names and passwords must not lock out older accounts.
        errors.Text(nameof(UserName), UserName, 1, UserNameRules.MaxLength);
        errors.Text(nameof(Password), Password, 1, UserNameRules.MaxPasswordLength);
    }
}

public sealed record GuestRequest(string? DisplayName) : IValidatable
{
    public void Validate(ValidationErrors errors) => CredentialRules.DisplayName(errors, DisplayName);
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(CurrentPassword), CurrentPassword, 1, UserNameRules.MaxPasswordLength);
        CredentialRules.Password(errors, nameof(NewPassword), NewPassword);
    }
}

// TokenResponse and UserResponse are wire contracts (ChatRoom.Contracts, free of server types); the mapping stays here.
public static class UserResponses
{
    extension(UserResponse)
    {
        public static UserResponse From(User user) =>
            new(user.Id, user.UserName, user.DisplayName, user.AvatarUrl, user.Role.ToString(), user.CreatedAt);
    }
}

public static class CredentialRules
{
    public static void UserName(ValidationErrors errors, string? userName)
    {
        if (userName is null)
            errors.Add("UserName", "UserName is required.");
        else if (!UserNameRules.IsValidUserName(userName))
            errors.Add("UserName", $"UserName must be {UserNameRules.MinLength}-{UserNameRules.MaxLength} characters of letters, digits, '_', '.' or '-'.");
    }

    /// <summary>Optional; stored trimmed, so it must not be blank. Whoever signs up here is not staff.</summary>
    public static void DisplayName(ValidationErrors errors, string? displayName)
    {
        DisplayNameText(errors, displayName, minLength: 1);
        if (displayName is not null && DisplayNameRules.ReadsAsStaff(displayName))
            errors.Add(nameof(DisplayName), StaffNameMessage);
    }

    public const string StaffNameMessage = "DisplayName reads as a staff role; only moderators and admins may take such a name.";

    /// <summary>Length, NUL and UTF-16 as for any text, then: something visible, and nothing that reorders or hides it.</summary>
    public static void DisplayNameText(ValidationErrors errors, string? displayName, int minLength)
    {
        var trimmed = displayName?.Trim();
        errors.Text(nameof(DisplayName), trimmed, minLength, DisplayNameRules.MaxLength, required: false);
        if (trimmed is not { Length: > 0 } || errors.Has(nameof(DisplayName)))
            return;
        if (DisplayNameRules.HasHiddenCharacters(trimmed))
            errors.Add(nameof(DisplayName), "DisplayName must not contain control or invisible formatting characters (such as direction overrides or zero-width joiners).");
        else if (!DisplayNameRules.HasVisibleCharacter(trimmed))
            errors.Add(nameof(DisplayName), "DisplayName needs at least one visible character.");
    }

    public static void Password(ValidationErrors errors, string field, string? password)
    {
        if (password is null)
            errors.Add(field, $"{field} is required.");
        else if (!UserNameRules.IsValidPassword(password))
            errors.Add(field, $"{field} must be {UserNameRules.MinPasswordLength}-{UserNameRules.MaxPasswordLength} characters without NUL.");
    }
}
