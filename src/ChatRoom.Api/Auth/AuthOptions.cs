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

/// <summary>How sign-in guessing is slowed down (see <see cref="SignInThrottle"/>) and the per-address cap on auth requests.</summary>
public sealed class AuthRateLimitOptions : IValidatableObject
{
    public const string SectionName = "RateLimits:Auth";

    /// <summary>Failed sign-ins to one account from one address before that pair has to wait between tries.</summary>
    [Range(1, 100_000)]
    public int FailuresBeforeDelay { get; set; } = 5;

    /// <summary>The first wait; every further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An account and address's failures are forgotten this long after the last one (a right password forgets them at once).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Failed sign-ins to one account from all addresses together in <see cref="AccountWindow"/> beyond which the
    /// account counts as under attack: then each failure from an address it has not signed in from recently costs
    /// that address at least <see cref="AccountDelay"/>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int AccountFailures { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AccountDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an address a user signed in from is spared <see cref="AccountDelay"/> on that account.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KnownAddressMemory { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Requests to the auth endpoints per client address in <see cref="IpWindow"/>.</summary>
    [Range(1, 100_000)]
    public int IpRequests { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelay < FirstDelay)
            yield return new ValidationResult($"{SectionName}:MaxDelay must not be shorter than FirstDelay.", [nameof(MaxDelay)]);
        // A pending wait lives in the pair's record, which expires FailureMemory after the last failure.
        if (FailureMemory < MaxDelay || FailureMemory < AccountDelay)
            yield return new ValidationResult($"{SectionName}:FailureMemory must be at least MaxDelay and AccountDelay.", [nameof(FailureMemory)]);
    }
}
