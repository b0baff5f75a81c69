using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace ChatRoom.Chat.RateLimiting;

public sealed class SendLimitOptions
{
    public const string SectionName = "RateLimits:Messages";

    /// <summary>Messages one user may send in <see cref="Window"/>, across all rooms and replicas.</summary>
    [Range(1, 1_000_000)]
    public int PerUser { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The send rate limit per user and the per-room slow mode. Moderators and admins are exempt from both.
/// The answer says how long to wait, so the client can show it.
/// </summary>
public sealed class SendLimits(WindowCounter counter, IConnectionMultiplexer redis, IOptions<SendLimitOptions> options,
    ILogger<SendLimits> logger)
{
    public async Task<ChatResult<bool>> CheckAsync(Viewer viewer, Room room)
    {
        if (viewer.Moderates)
            return ChatResult<bool>.Ok(true);

        var limit = options.Value;
        var decision = await counter.HitAsync("send-user", viewer.Id.ToString("N"), limit.PerUser, limit.Window);
        if (!decision.Allowed)
            return ChatResult<bool>.Fail(ChatError.TooManyRequests, ErrorCodes.ChatRateLimited,
                $"You are sending messages too fast: at most {limit.PerUser} every {limit.Window.TotalSeconds:0} s.", decision.RetryAfter);

        if (room.SlowModeSeconds <= 0)
            return ChatResult<bool>.Ok(true);
        try
        {
            var key = $"chatroom:slowmode:{room.Id:N}:{viewer.Id:N}";
            var db = redis.GetDatabase();
            if (await db.StringSetAsync(key, 1, TimeSpan.FromSeconds(room.SlowModeSeconds), When.NotExists))
                return ChatResult<bool>.Ok(true);
            var wait = await db.KeyTimeToLiveAsync(key) ?? TimeSpan.FromSeconds(room.SlowModeSeconds);
            return ChatResult<bool>.Fail(ChatError.TooManyRequests, ErrorCodes.ChatSlowMode,
                $"Slow mode is on in this room: one message every {room.SlowModeSeconds} s.", wait);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Slow mode is a courtesy, not a guarantee: without Redis, messages still go through.
            logger.LogWarning("Slow mode not enforced while Redis is unreachable: {Reason}", ex.Message);
            return ChatResult<bool>.Ok(true);
        }
    }
}
