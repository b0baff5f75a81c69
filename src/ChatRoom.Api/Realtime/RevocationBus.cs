using System.Text.Json;
using ChatRoom.Chat.Rooms;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace ChatRoom.Api.Realtime;

/// <summary>
/// Sessions that have ended: all of a user's when <see cref="UserId"/> is set, else those listed. With
/// <see cref="RoomId"/> set nothing ends: the user's connections only leave that room (a moderator's kick). With
/// <see cref="Profile"/> set nothing ends either: the user's connections show the user so from then on.
/// <see cref="Notice"/> reaches the connections just before they close.
/// </summary>
public sealed record Revocation(
    Guid? UserId, Guid[] SessionIds, string Reason, Guid? RoomId = null, ModerationNoticeEvent? Notice = null, UserSummary? Profile = null)
{
    public static Revocation ProfileChanged(UserSummary person) => new(person.Id, [], "profile_changed", Profile: person);
}

/// <summary>
/// Ends hub connections of revoked sessions on every replica (and tells them of profile changes), fast: the revoking replica closes its own at once
/// and publishes on a Redis channel every replica listens to; each tells its matching connections why
/// (<c>SessionRevoked</c>) and then closes them. This is the quick path only: a replica that misses the message
/// (Redis away) still closes them within seconds, because <see cref="SessionWatch"/> re-checks every local
/// session against the database.
/// </summary>
public sealed class RevocationBus(
    IConnectionMultiplexer redis,
    ConnectionRegistry registry,
    IHubContext<ChatHub, IChatClient> hub,
    IServiceScopeFactory scopes,
    ILogger<RevocationBus> logger) : IHostedService
{
    /// <summary>On the wire <c>{Realtime:ChannelPrefix}:revocations</c>: the connection adds the prefix.</summary>
    private static readonly RedisChannel RevocationsChannel = RedisChannel.Literal("revocations");

    private ChannelMessageQueue? _subscription;

    /// <summary>Call after the revocation is committed. Never throws: the local effect comes first and does not need Redis.</summary>
    public async Task PublishAsync(Revocation revocation)
    {
        await ApplyAsync(revocation);
        if (!redis.IsConnected)
        {
            logger.LogWarning("Redis is not connected; other replicas close the connections when they next check their sessions");
            return;
        }
        try
        {
            await redis.GetSubscriber().PublishAsync(RevocationsChannel, JsonSerializer.Serialize(revocation));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not announce a revocation; other replicas close the connections when they next check their sessions");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await redis.GetSubscriber().SubscribeAsync(RevocationsChannel);
        _subscription.OnMessage(async message =>
        {
            if (JsonSerializer.Deserialize<Revocation>(message.Message.ToString()) is { } revocation)
                await ApplyAsync(revocation);
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is null)
            return;
        try
        {
            await _subscription.UnsubscribeAsync();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or RedisException or TimeoutException)
        {
            // Shutting down: the connection (and with it the subscription) is already gone.
        }
    }

    /// <summary>Closes (or, for a kick, takes out of the room) this replica's matching connections. Never throws.</summary>
    public async Task ApplyAsync(Revocation revocation)
    {
        try
        {
            await ApplyLocallyAsync(revocation);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not apply a revocation ({Reason}) to this replica's connections", revocation.Reason);
        }
    }

    private async Task ApplyLocallyAsync(Revocation revocation)
    {
        var connections = registry.Find(revocation.UserId, revocation.SessionIds.ToHashSet());
        if (revocation.Profile is { } person)
        {
            foreach (var connection in connections)
                ChatHub.ConnectionOf(connection)?.ShowAs(person);
            return;
        }
        if (revocation.RoomId is { } roomId)
        {
            await using var scope = scopes.CreateAsyncScope();
            var rooms = scope.ServiceProvider.GetRequiredService<RoomSessions>();
            foreach (var connection in connections)
            {
                if (ChatHub.ConnectionOf(connection) is { } chat)
                    await rooms.EvictAsync(chat, roomId);
            }
            return;
        }
        foreach (var connection in connections)
        {
            try
            {
                // A local connection is written to directly (not through Redis), so the reason is on its way before the close.
                var client = hub.Clients.Client(connection.ConnectionId);
                if (revocation.Notice is { } notice)
                    await client.ModerationNotice(notice);
                await client.SessionRevoked(new SessionRevokedEvent(revocation.Reason));
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Could not tell connection {ConnectionId} why it is closed", connection.ConnectionId);
            }
            connection.Abort();
        }
        if (connections.Count > 0)
            logger.LogInformation("Closed {Count} hub connection(s): {Reason}", connections.Count, revocation.Reason);
    }
}
