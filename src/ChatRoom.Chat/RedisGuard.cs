using StackExchange.Redis;

namespace ChatRoom.Chat;

/// <summary>
/// Every Redis call that has a fallback goes through here. While the connection is down a call is answered at
/// once with the fallback (a command would otherwise wait in the reconnect backlog until its timeout), and a
/// failing call (<see cref="RedisException"/>, <see cref="TimeoutException"/>) is answered the same way and logged
/// when the caller says what the fallback means.
/// </summary>
public sealed class RedisGuard(IConnectionMultiplexer redis, ILogger<RedisGuard> logger)
{
    public IConnectionMultiplexer Connection => redis;

    public bool IsConnected => redis.IsConnected;

    /// <summary><paramref name="read"/>'s answer, or <paramref name="fallback"/>; <paramref name="onFailure"/> (when set) is logged.</summary>
    public async Task<T> ReadAsync<T>(T fallback, Func<IDatabase, Task<T>> read, string? onFailure = null)
    {
        if (!redis.IsConnected)
            return fallback;
        try
        {
            return await read(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (onFailure is not null)
                logger.LogWarning("{Consequence}: {Reason}", onFailure, ex.Message);
            return fallback;
        }
    }

    /// <summary>Runs <paramref name="write"/> when Redis is there; a failure is logged with <paramref name="onFailure"/>.</summary>
    public Task WriteAsync(Func<IDatabase, Task> write, string onFailure) =>
        ReadAsync(false, async db =>
        {
            await write(db);
            return true;
        }, onFailure);
}
