using System.Security.Claims;
using ChatRoom.Data.Identity;

namespace ChatRoom.Api.Auth;

public sealed record RegisterRequest(
    [MustHave, UserName] string? UserName,
    [MustHave, Password] string? Password,
    [VisibleName(1)] string? DisplayName);

/// <summary>Only shape: the rules for new names and passwords must not lock out older accounts.</summary>
public sealed record LoginRequest(
    [MustHave, Text(1, UserNameRules.MaxLength)] string? UserName,
    [MustHave, Text(1, UserNameRules.MaxPasswordLength)] string? Password);

/// <summary>Whoever signs up here is not staff.</summary>
public sealed record GuestRequest([VisibleName(1)] string? DisplayName);

public sealed record ChangePasswordRequest(
    [MustHave, Text(1, UserNameRules.MaxPasswordLength)] string? CurrentPassword,
    [MustHave, Password] string? NewPassword);

// TokenResponse and UserResponse are wire contracts (ChatRoom.Contracts, free of server types); the mapping stays here.
public static class UserResponses
{
    extension(UserResponse)
    {
        public static UserResponse From(User user) =>
            new(user.Id, user.UserName, user.DisplayName, user.AvatarUrl, user.Role.ToString(), user.CreatedAt,
                user.PhoneVerifiedAt is not null, user.PhoneLastDigits, user.AgeVerifiedAt is not null);

        /// <summary>As other members see the account: whether its phone is verified, nothing of the number or the identity checks.</summary>
        public static UserResponse ForOthers(User user) => From(user) with { PhoneLastDigits = null, AgeVerified = false };

        /// <summary>The owner and the admins see <see cref="From"/>, everyone else <see cref="ForOthers"/>.</summary>
        public static UserResponse As(User user, ClaimsPrincipal viewer) =>
            viewer.UserId() == user.Id || viewer.Viewer().Role == UserRole.Admin ? From(user) : ForOthers(user);
    }
}
