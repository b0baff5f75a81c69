namespace ChatRoom.Contracts;

/// <summary>What login, guest and refresh answer. The refresh token itself travels only in its HttpOnly cookie.</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string CsrfToken, UserResponse User);

/// <summary>
/// An account as its owner and the admins see it. <see cref="Role"/> is <c>Guest</c>, <c>User</c>, <c>Moderator</c> or
/// <c>Admin</c>. <see cref="PhoneVerified"/>: the account proved it receives a phone number's texts; of the number,
/// only its owner and the admins see <see cref="PhoneLastDigits"/>, and nobody more. <see cref="AgeVerified"/>: a
/// moderator approved an identity document of the account's owner; only the owner and the admins are told.
/// </summary>
public sealed record UserResponse(
    Guid Id, string UserName, string? DisplayName, string? AvatarUrl, string Role, DateTimeOffset CreatedAt,
    bool PhoneVerified = false, string? PhoneLastDigits = null, bool AgeVerified = false);
