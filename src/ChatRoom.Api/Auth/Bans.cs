using System.Globalization;

namespace ChatRoom.Api.Auth;

public static class Bans
{
    public static Task<ModerationAction?> ActiveBanAsync(this ChatDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.ModerationActions.InForce(userId, now, ModerationActionKind.Ban)
            .OrderByDescending(a => a.ExpiresAt == null).ThenByDescending(a => a.ExpiresAt)
            .FirstOrDefaultAsync(ct);

    public static string Describe(ModerationAction ban) =>
        (ban.ExpiresAt is { } until
            ? $"This account is banned until {until.ToString("u", CultureInfo.InvariantCulture)}."
            : "This account is banned.")
        + (string.IsNullOrWhiteSpace(ban.Reason) ? "" : $" Reason: {ban.Reason}");
}
