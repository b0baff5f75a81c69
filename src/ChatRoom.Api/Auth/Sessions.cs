using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Auth;

public abstract record RotationResult
{
    public sealed record Rotated(User User, SessionFamily Family, string RefreshToken) : RotationResult;

    /// <summary>Unknown, expired or revoked: the caller must sign in again.</summary>
    public sealed record Invalid : RotationResult;

    /// <summary>An already-rotated token came back after the grace period: the whole family was revoked.</summary>
    public sealed record Reused(Guid FamilyId) : RotationResult;
}

/// <summary>
/// Session families and their refresh tokens: opaque 256-bit tokens, stored as SHA-256 hashes, rotated on
/// every use. A rotated token presented again after a short grace period means it was stolen (or the
/// thief got there first): the whole family is revoked.
/// </summary>
public sealed class Sessions(ChatDbContext db, IOptions<SessionOptions> options, AccessChanges changes, TimeProvider clock)
{
    public const string ReuseReason = "refresh_reuse";

    /// <summary>Adds a new family with its first token to the context; the caller saves (with its audit entry).</summary>
    public (SessionFamily Family, string RefreshToken) Start(User user, HttpContext context)
    {
        var now = clock.GetUtcNow();
        var family = new SessionFamily
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            User = user,
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
            UserAgent = Truncate(context.Request.Headers.UserAgent.ToString(), 512),
            IpAddress = context.Connection.RemoteIpAddress?.ToString(),
        };
        db.SessionFamilies.Add(family);
        return (family, AddToken(family, now).Raw);
    }

    public async Task<SessionFamily?> FindFamilyAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (!TryHash(refreshToken, out var hash))
            return null;
        return await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => t.Family).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<RotationResult> RotateAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (!TryHash(refreshToken, out var hash))
            return new RotationResult.Invalid();
        var token = await db.RefreshTokens
            .Include(t => t.Family).ThenInclude(f => f!.User)
            .SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        if (token?.Family?.User is not { } user || token.Family.RevokedAt is not null || token.Family.ExpiresAt <= now ||
            token.ExpiresAt <= now || user.DeletedAt is not null)
            return new RotationResult.Invalid();

        var family = token.Family;
        if (token.RevokedAt is { } rotatedAt)
        {
            if (now - rotatedAt > options.Value.RotationGracePeriod)
                return await RevokeForReuseAsync(family, token, now, cancellationToken);
            // A second tab refreshing with the same cookie a moment later: give it a token of its own.
            var sibling = AddToken(family, now);
            await db.SaveChangesAsync(cancellationToken);
            return new RotationResult.Rotated(user, family, sibling.Raw);
        }

        // Only one of two concurrent rotations of the same token wins the conditional update. Marking the old
        // token and storing the new one commit together: a failure in between would leave the client with
        // a rotated token and no successor, and its retry would be taken for reuse.
        var next = await db.InTransactionAsync(async ct =>
        {
            var won = await db.RefreshTokens
                .Where(t => t.Id == token.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
            var added = AddToken(family, now);
            if (won == 1)
                token.ReplacedById = added.Token.Id;
            return added;
        }, cancellationToken);
        return new RotationResult.Rotated(user, family, next.Raw);
    }

    /// <summary>Revokes one family (logout); the caller saves. The session stops working on the next request.</summary>
    public void Revoke(SessionFamily family, string reason)
    {
        family.RevokedAt ??= clock.GetUtcNow();
        family.RevokedReason ??= reason;
    }

    /// <summary>Revokes every open family of a user, optionally but one (password change keeps the current one).</summary>
    public async Task<List<Guid>> RevokeAllAsync(Guid userId, string reason, Guid? except, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.SessionFamilies
            .Where(f => f.UserId == userId && f.RevokedAt == null && f.Id != except)
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);
        await db.SessionFamilies
            .Where(f => revoked.Contains(f.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedAt, now).SetProperty(f => f.RevokedReason, reason), cancellationToken);
        return revoked;
    }

    private async Task<RotationResult> RevokeForReuseAsync(SessionFamily family, RefreshToken token, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        Revoke(family, ReuseReason);
        db.Audit(AuditActions.RefreshReuse, "session", family.Id, family.UserId, now,
            metadata: new { tokenId = token.Id, rotatedAt = token.RevokedAt });
        await db.SaveChangesAsync(cancellationToken);
        await changes.SessionsEndedAsync(family.UserId, [family.Id], ReuseReason);
        return new RotationResult.Reused(family.Id);
    }

    private (string Raw, RefreshToken Token) AddToken(SessionFamily family, DateTimeOffset now)
    {
        var raw = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            FamilyId = family.Id,
            TokenHash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(raw)),
            CreatedAt = now,
            ExpiresAt = family.ExpiresAt,
        };
        family.Tokens.Add(token);
        // Added explicitly: found only through the navigation of an already-tracked family, a token whose
        // key is set would be taken for an existing row and updated (0 rows: a concurrency exception).
        db.RefreshTokens.Add(token);
        return (raw, token);
    }

    private static bool TryHash(string? token, out byte[] hash)
    {
        hash = [];
        if (string.IsNullOrEmpty(token) || token.Length > 128)
            return false;
        hash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
        return true;
    }

    private static string? Truncate(string value, int max) => value.Length == 0 ? null : value.Length <= max ? value : value[..max];
}
