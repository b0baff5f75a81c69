using System.Collections.Concurrent;
using ChatRoom.Api.Auth;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Realtime;

/// <summary>
/// Keeps hub connections honest after they are open: each replica remembers its connections by session and
/// closes them when <see cref="RevocationBus"/> says a session (or a whole user) has ended; and every call
/// re-checks the session through the cached session state at most every
/// <see cref="RealtimeOptions.SessionRecheckInterval"/>, in case a revocation message was missed. A changed
/// role also ends the connection: its groups (moderators) were chosen for the old role, and the client's
/// reconnect gets the new one.
/// </summary>
public sealed class SessionHubFilter(SessionCache sessions, ConnectionRegistry registry, IOptionsMonitor<RealtimeOptions> options) : IHubFilter
{
    private const string CheckedAtKey = "session-checked-at";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        registry.Add(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        registry.Remove(context.Context);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var now = DateTimeOffset.UtcNow;
        if (context.Items.TryGetValue(CheckedAtKey, out var at) && at is DateTimeOffset checkedAt &&
            now - checkedAt < options.CurrentValue.SessionRecheckInterval)
            return await next(invocationContext);

        var user = context.User!;
        var state = await sessions.GetAsync(user.UserId(), user.SessionId(), context.ConnectionAborted);
        if (!state.Active)
        {
            context.Abort();
            throw new HubException("The session has ended. Sign in again.");
        }
        if (state.Role != user.Viewer().Role)
        {
            context.Abort();
            throw new HubException("Your role has changed. Reconnect to continue.");
        }
        context.Items[CheckedAtKey] = now;
        return await next(invocationContext);
    }
}

/// <summary>This replica's open hub connections, by session and by user.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public void Add(HubCallerContext context) => _connections[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    /// <summary>This replica's connections of the given sessions, or of the given user when it is set.</summary>
    public IReadOnlyList<HubCallerContext> Find(Guid? userId, IReadOnlySet<Guid> sessionIds) =>
        [.. _connections.Values.Where(c => userId is { } id ? c.User!.UserId() == id : sessionIds.Contains(c.User!.SessionId()))];
}
