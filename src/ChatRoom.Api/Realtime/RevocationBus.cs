using System.Text.Json;
using ChatRoom.Realtime;
using ChatRoom.Realtime.Contracts;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace ChatRoom.Api.Realtime;

public sealed record Revocation(Guid? UserId, Guid[] SessionIds, string Reason);

/// <summary>
/// Ends hub connections of revoked sessions on every replica: the revoking request tells the clients
/// (<c>SessionRevoked</c> through the backplane) and publishes on a Redis channel every replica listens to;
/// each replica then closes its own matching connections.
/// </summary>
public sealed class RevocationBus(
    IConnectionMultiplexer redis,
    ConnectionRegistry registry,
    IHubContext<ChatHub, IChatClient> hub,
    ILogger<RevocationBus> logger) : IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("chatroom:revocations");

    public async Task PublishAsync(Revocation revocation)
    {
        try
        {
            var groups = revocation.UserId is { } userId
                ? [ChatGroups.User(userId)]
                : revocation.SessionIds.Select(ChatGroups.Session).ToList();
            await hub.Clients.Groups(groups).SessionRevoked(new SessionRevokedEvent(revocation.Reason));
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(revocation));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Connections still fail their next call: SessionHubFilter re-checks the session.
            logger.LogWarning(ex, "Could not announce a revocation; open connections end at their next call");
            Apply(revocation);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            if (JsonSerializer.Deserialize<Revocation>(message.ToString()) is { } revocation)
                Apply(revocation);
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    private void Apply(Revocation revocation)
    {
        var closed = revocation.UserId is { } userId
            ? registry.CloseUser(userId)
            : registry.CloseSessions(revocation.SessionIds.ToHashSet());
        if (closed > 0)
            logger.LogInformation("Closed {Count} hub connection(s): {Reason}", closed, revocation.Reason);
    }
}
