using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using ChatRoom.Api.Auth;
using ChatRoom.Api.Realtime;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Verification;

public sealed class PhoneVerificationOptions
{
    public const string SectionName = "PhoneVerification";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long after a code a user waits before asking for another.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Codes per hour for one account, for one number (whoever asks) and from one address.</summary>
    [Range(1, 1000)]
    public int PerUserPerHour { get; set; } = 5;

    [Range(1, 1000)]
    public int PerNumberPerHour { get; set; } = 5;

    [Range(1, 10_000)]
    public int PerAddressPerHour { get; set; } = 20;
}

/// <summary>What asking for a code answered: where it went (the last digits) and until when it works.</summary>
public sealed record PhoneCodeSent(string LastDigits, DateTimeOffset ExpiresAt, DateTimeOffset ResendAfter);

/// <summary>
/// Proving a phone number: a random six-digit code goes to the number by text message, and whoever types it back
/// within its lifetime and attempts owns the number. A number belongs to one account: proving it on another moves it
/// there (numbers change hands), and both changes are audited. The answers are the same whether or not the number
/// belongs to someone, so they reveal nothing about other accounts.
/// </summary>
public sealed class PhoneVerification(
    ChatDbContext db,
    PhoneProtection protection,
    ISmsSender sms,
    SessionCache sessions,
    RevocationBus connections,
    IOptions<PhoneVerificationOptions> options,
    TimeProvider clock,
    ILogger<PhoneVerification> logger)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async Task<Results<Accepted<PhoneCodeSent>, ValidationProblem, ProblemHttpResult>> SendCodeAsync(
        Guid userId, string phoneNumber, string? region, HttpContext http, CancellationToken ct)
    {
        var parsed = PhoneNumberRules.Normalize(phoneNumber.Trim(), region);
        if (parsed is PhoneNumberRules.Result.Refused refused)
            return Problems.Invalid(new Dictionary<string, string[]> { ["PhoneNumber"] = [refused.Detail] }, refused.Code, refused.Detail);
        var number = (PhoneNumberRules.Result.Valid)parsed;
        var ipAddress = http.ClientIp();
        var settings = options.Value;
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.Role == UserRole.Guest)
            return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.PhoneGuest, "Guests cannot verify a phone number: register an account first.");

        var now = clock.GetUtcNow();
        var hash = protection.Hash(number.E164);
        var since = now - Hour;
        // Challenges whose text went out: one that could not be sent costs the user no waiting.
        var sent = db.PhoneChallenges.AsNoTracking().Where(c => c.CreatedAt > since && c.ExpiresAt > c.CreatedAt);
        var last = await sent.Where(c => c.UserId == userId).OrderByDescending(c => c.CreatedAt).Select(c => (DateTimeOffset?)c.CreatedAt).FirstOrDefaultAsync(ct);
        if (last is { } at && now - at < settings.ResendCooldown)
            return Problems.TooMany(http, ErrorCodes.PhoneCooldown, "A code was sent a moment ago.", at + settings.ResendCooldown - now);
        if (await OldestIfOverAsync(sent.Where(c => c.UserId == userId), settings.PerUserPerHour, ct) is { } byUser)
            return Problems.TooMany(http, ErrorCodes.PhoneRateLimited, "Too many codes for this account.", byUser + Hour - now);
        if (await OldestIfOverAsync(db.PhoneChallenges.Where(c => c.CreatedAt > since && c.PhoneHash == hash), settings.PerNumberPerHour, ct) is { } byNumber)
            return Problems.TooMany(http, ErrorCodes.PhoneRateLimited, "Too many codes for this number.", byNumber + Hour - now);
        if (ipAddress is not null &&
            await OldestIfOverAsync(db.PhoneChallenges.Where(c => c.CreatedAt > since && c.IpAddress == ipAddress), settings.PerAddressPerHour, ct) is { } byAddress)
            return Problems.TooMany(http, ErrorCodes.PhoneRateLimited, "Too many codes from this address.", byAddress + Hour - now);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var challenge = new PhoneChallenge
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            PhoneHash = hash,
            PhoneCiphertext = protection.Encrypt(number.E164, userId),
            PhoneLastDigits = number.LastDigits,
            CodeHash = [],
            IpAddress = ipAddress,
            CreatedAt = now,
            ExpiresAt = now + settings.CodeLifetime,
        };
        challenge.CodeHash = protection.HashCode(challenge.Id, code);
        // Only the newest code works.
        await db.PhoneChallenges.Where(c => c.UserId == userId && c.CompletedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, now), ct);
        db.PhoneChallenges.Add(challenge);
        db.Audit(AuditActions.PhoneCodeSent, "user", userId, userId, now, metadata: new { lastDigits = number.LastDigits }, ipAddress: ipAddress);
        await db.SaveChangesAsync(ct);

        var minutes = (int)settings.CodeLifetime.TotalMinutes;
        try
        {
            await sms.SendAsync(number.E164, $"{code} is your ChatRoom code. It expires in {minutes} minutes. Do not share it.", ct);
        }
        catch (Exception ex) when (ex is SmsNumberRefusedException or SmsUnavailableException)
        {
            await db.PhoneChallenges.Where(c => c.Id == challenge.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, c => c.CreatedAt), ct);
            logger.LogWarning("A verification code to a number ending {LastDigits} was not sent: {Reason}", number.LastDigits, ex.Message);
            return ex is SmsNumberRefusedException
                ? Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PhoneNumberRefused, "Text messages cannot be sent to this number. Give another one.")
                : Problems.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.PhoneUnavailable, "Text messages cannot be sent at the moment. Try again later.");
        }
        return TypedResults.Accepted("/api/me/phone", new PhoneCodeSent(number.LastDigits, challenge.ExpiresAt, now + settings.ResendCooldown));
    }

    public async Task<Results<Ok<UserResponse>, ProblemHttpResult>> VerifyAsync(Guid userId, string code, string? ipAddress, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var challenge = await db.PhoneChallenges.AsNoTracking()
            .Where(c => c.UserId == userId && c.CompletedAt == null && c.ExpiresAt > c.CreatedAt)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (challenge is null)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PhoneNoChallenge, "No code is waiting: ask for one first.");
        if (challenge.ExpiresAt <= now)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PhoneCodeExpired, "The code has expired: ask for a new one.");
        // Counted before comparing, in the database, so parallel guesses cannot share an attempt.
        var counted = await db.PhoneChallenges.Where(c => c.Id == challenge.Id && c.Attempts < settings.MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
        if (counted == 0)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PhoneTooManyAttempts, "Too many wrong codes: ask for a new one.");
        if (!CryptographicOperations.FixedTimeEquals(protection.HashCode(challenge.Id, code), challenge.CodeHash))
        {
            var left = settings.MaxAttempts - challenge.Attempts - 1;
            return left > 0
                ? Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PhoneCodeInvalid, $"That is not the code. {left} attempt(s) left.")
                : Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.PhoneTooManyAttempts, "Too many wrong codes: ask for a new one.");
        }

        try
        {
            var changed = new List<User>();
            var user = await db.InTransactionAsync(async token =>
            {
                changed.Clear();
                db.ChangeTracker.Clear();
                var completed = await db.PhoneChallenges.Where(c => c.Id == challenge.Id && c.CompletedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompletedAt, now), token);
                var owner = await db.Users.SingleAsync(u => u.Id == userId, token);
                if (completed == 0)
                    return owner; // Verified by a parallel request with the same code.
                var before = owner.PhoneLastDigits;
                // The number changed hands: whoever proves it now owns it.
                foreach (var previous in await db.Users.Where(u => u.PhoneHash == challenge.PhoneHash && u.Id != userId).ToListAsync(token))
                {
                    db.Audit(AuditActions.PhoneMoved, "user", previous.Id, userId, now, before: new { lastDigits = previous.PhoneLastDigits },
                        metadata: new { toUserId = userId }, ipAddress: ipAddress);
                    ClearPhone(previous);
                    changed.Add(previous);
                }
                await db.SaveChangesAsync(token);
                owner.PhoneCiphertext = challenge.PhoneCiphertext;
                owner.PhoneHash = challenge.PhoneHash;
                owner.PhoneLastDigits = challenge.PhoneLastDigits;
                owner.PhoneVerifiedAt = now;
                db.Audit(AuditActions.PhoneVerify, "user", userId, userId, now, before: before is null ? null : new { lastDigits = before },
                    after: new { lastDigits = owner.PhoneLastDigits }, ipAddress: ipAddress);
                await db.SaveChangesAsync(token);
                changed.Add(owner);
                return owner;
            }, ct);
            foreach (var person in changed)
                await ShowEverywhereAsync(person);
            return TypedResults.Ok(UserResponse.From(user));
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.PhoneConflict, "The number was just verified elsewhere. Try again.");
        }
    }

    public async Task<Results<Ok<UserResponse>, ProblemHttpResult>> RemoveAsync(Guid userId, string? ipAddress, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.PhoneHash is null)
            return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.PhoneNone, "There is no phone number on this account.");
        db.Audit(AuditActions.PhoneRemove, "user", userId, userId, clock.GetUtcNow(), before: new { lastDigits = user.PhoneLastDigits }, ipAddress: ipAddress);
        ClearPhone(user);
        await db.SaveChangesAsync(ct);
        await ShowEverywhereAsync(user);
        return TypedResults.Ok(UserResponse.From(user));
    }

    /// <summary>The verified mark is part of how a user is shown: requests and open connections learn of it at once.</summary>
    private async Task ShowEverywhereAsync(User user)
    {
        await sessions.ForgetUserAsync(user.Id);
        await connections.PublishAsync(Revocation.ProfileChanged(user.ToSummary()));
    }

    private static void ClearPhone(User user)
    {
        user.PhoneCiphertext = null;
        user.PhoneHash = null;
        user.PhoneLastDigits = null;
        user.PhoneVerifiedAt = null;
    }

    /// <summary>The oldest of the challenges when there are <paramref name="limit"/> or more of them (the window frees up then).</summary>
    private static async Task<DateTimeOffset?> OldestIfOverAsync(IQueryable<PhoneChallenge> challenges, int limit, CancellationToken ct)
    {
        var newest = await challenges.OrderByDescending(c => c.CreatedAt).Select(c => c.CreatedAt).Take(limit).ToListAsync(ct);
        return newest.Count >= limit ? newest[^1] : null;
    }
}
