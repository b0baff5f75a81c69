using System.Text.Json;
using ChatRoom.Realtime;
using ChatRoom.Realtime.Contracts;
using ChatRoom.Realtime.Presence;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace ChatRoom.Api.Realtime;

/// <summary>
/// Sessions that have ended: all of a user's when <see cref="UserId"/> is set, else those listed. With
/// <see cref="RoomId"/> set nothing ends: the user's connections only leave that room (a moderator's kick).
/// </summary>
public sealed record Revocation(Guid? UserId, Guid[] SessionIds, string Reason, Guid? RoomId = null);

/// <summary>
/// Ends hub connections of revoked sessions on every replica: the revoking request publishes on a Redis
/// channel every replica of the installation listens to; each replica tells its own matching connections why
/// (<c>SessionRevoked</c>) and then closes them.
/// </summary>
public sealed class RevocationBus(
    IConnectionMultiplexer redis,
    ConnectionRegistry registry,
    IHubContext<ChatHub, IChatClient> hub,
    PresenceTracker presence,
    ILogger<RevocationBus> logger) : IHostedService
{
    /// <summary>On the wire <c>{Realtime:ChannelPrefix}:revocations</c>: the connection adds the prefix.</summary>
    private static readonly RedisChannel RevocationsChannel = RedisChannel.Literal("revocations");

    private ChannelMessageQueue? _subscription;

    /// <summary>Call after the revocation is committed. Never throws for Redis trouble: calls re-check the session anyway.</summary>
    public async Task PublishAsync(Revocation revocation)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RevocationsChannel, JsonSerializer.Serialize(revocation));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Other replicas' connections still fail their next call: SessionHubFilter re-checks the session.
            logger.LogWarning(ex, "Could not announce a revocation; other replicas' connections end at their next call");
            await ApplyAsync(revocation);
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

    private async Task ApplyAsync(Revocation revocation)
    {
        var connections = registry.Find(revocation.UserId, revocation.SessionIds.ToHashSet());
        if (revocation.RoomId is { } roomId)
        {
            foreach (var connection in connections)
                await ChatHub.EvictAsync(connection, roomId, hub, presence);
            return;
        }
        foreach (var connection in connections)
        {
            try
            {
                // A local connection is written to directly, so the reason is on its way before the close.
                await hub.Clients.Client(connection.ConnectionId).SessionRevoked(new SessionRevokedEvent(revocation.Reason));
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
