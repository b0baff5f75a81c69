using System.ComponentModel.DataAnnotations;

namespace ChatRoom.Api.Auth;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinimumKeyBytes = 32;

    [Required]
    public string Issuer { get; set; } = "chatroom";

    [Required]
    public string Audience { get; set; } = "chatroom";

    /// <summary>HMAC-SHA256 key, at least 256 bits (32 bytes of UTF-8). Required outside Development.</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>Absolute end of a sign-in, however often it is refreshed.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a just-rotated refresh token is still accepted, for two tabs that refresh at the same
    /// moment with the same cookie. After this, presenting it counts as reuse and revokes the session.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan GuestLifetime { get; set; } = TimeSpan.FromHours(24);
}

public sealed class AuthRateLimitOptions
{
    public const string SectionName = "RateLimits:Auth";

    /// <summary>Login attempts per account name in <see cref="AccountWindow"/>.</summary>
    [Range(1, 10_000)]
    public int AccountAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests to the auth endpoints per client address in <see cref="IpWindow"/>.</summary>
    [Range(1, 100_000)]
    public int IpRequests { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(1);
}
