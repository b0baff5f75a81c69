namespace ChatRoom.Data.Entities;

/// <summary>
/// One sign-in: every refresh token rotated from it belongs to the family, so reuse of an old
/// token can revoke all of them at once.
/// </summary>
public sealed class SessionFamily
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Absolute end of the session, however often it is refreshed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }

    public List<RefreshToken> Tokens { get; set; } = [];
}

public sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public SessionFamily? Family { get; set; }

    /// <summary>SHA-256 of the token; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when the token was exchanged for <see cref="ReplacedById"/>.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? ReplacedById { get; set; }
}
