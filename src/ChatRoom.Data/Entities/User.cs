namespace ChatRoom.Data.Entities;

public enum UserRole
{
    Guest,
    User,
    Moderator,
    Admin,
}

public sealed class User
{
    public Guid Id { get; set; }

    /// <summary>As the user typed it; unique ignoring case through <see cref="NormalizedUserName"/>.</summary>
    public required string UserName { get; set; }

    public required string NormalizedUserName { get; set; }
    public string? DisplayName { get; set; }
    public string? AvatarUrl { get; set; }

    /// <summary>Self-describing Argon2id hash (parameters inside); null for guests.</summary>
    public string? PasswordHash { get; set; }

    public UserRole Role { get; set; } = UserRole.User;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Guests only: after this the Worker removes the account.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The verified phone number, encrypted (see the Api's <c>PhoneProtection</c>); null when there is none.</summary>
    public byte[]? PhoneCiphertext { get; set; }

    /// <summary>A keyed hash of the number in E.164: one account per number, found without decrypting.</summary>
    public byte[]? PhoneHash { get; set; }

    /// <summary>What admins (and the user) are shown of the number.</summary>
    public string? PhoneLastDigits { get; set; }

    public DateTimeOffset? PhoneVerifiedAt { get; set; }

    /// <summary>A moderator approved an identity document showing the user is an adult.</summary>
    public DateTimeOffset? AgeVerifiedAt { get; set; }

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();
}
