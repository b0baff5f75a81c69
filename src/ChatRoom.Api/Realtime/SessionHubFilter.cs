using System.Collections.Concurrent;
using ChatRoom.Api.Auth;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Api.Realtime;

/// <summary>
/// Keeps hub connections honest after they are open: each replica remembers its connections by session and
/// closes them when <see cref="RevocationBus"/> says a session (or a whole user) has ended; and every call
/// re-checks the session through the cached session state at most every few seconds, in case a revocation
/// message was missed.
/// </summary>
public sealed class SessionHubFilter(SessionCache sessions, ConnectionRegistry registry) : IHubFilter
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);
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
        if (context.Items.TryGetValue(CheckedAtKey, out var at) && at is DateTimeOffset checkedAt && now - checkedAt < RecheckEvery)
            return await next(invocationContext);

        var user = context.User!;
        var state = await sessions.GetAsync(user.UserId(), user.SessionId(), context.ConnectionAborted);
        if (!state.Active)
        {
            context.Abort();
            throw new HubException("The session has ended. Sign in again.");
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

    public int CloseSessions(IReadOnlySet<Guid> sessionIds) =>
        Close(c => sessionIds.Contains(c.User!.SessionId()));

    public int CloseUser(Guid userId) => Close(c => c.User!.UserId() == userId);

    private int Close(Func<HubCallerContext, bool> match)
    {
        var closed = 0;
        foreach (var connection in _connections.Values.Where(match))
        {
            connection.Abort();
            closed++;
        }
        return closed;
    }
}
