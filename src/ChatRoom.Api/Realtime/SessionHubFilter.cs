using ChatRoom.Api.Auth;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Realtime;

/// <summary>
/// Keeps hub connections honest after they are open. Every call spends from the connection's budget of calls
/// (<see cref="RealtimeOptions.HubCallsPerSecond"/>, bursts up to <see cref="RealtimeOptions.HubCallBurst"/>): a
/// client that floods the hub gets an error with the wait, not the server's time. And every call re-checks the
/// session through the cached session state at most every <see cref="RealtimeOptions.SessionRecheckInterval"/>.
/// A changed role also ends the connection: its groups (moderators) were chosen for the old role, and the
/// client's reconnect gets the new one. A changed profile (display name, avatar) shows on what the connection sends
/// from the next check on. Idle connections are closed by <see cref="RevocationBus"/> and
/// <see cref="SessionWatch"/>.
/// </summary>
public sealed class SessionHubFilter(SessionCache sessions, IOptionsMonitor<RealtimeOptions> options, TimeProvider clock) : IHubFilter
{
    private const string CheckedAtKey = "session-checked-at";
    private const string BudgetKey = "call-budget";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var now = clock.GetUtcNow();
        var settings = options.CurrentValue;
        if (!context.Items.TryGetValue(BudgetKey, out var held) || held is not CallBudget budget)
            context.Items[BudgetKey] = budget = new CallBudget(settings.HubCallBurst, now);
        if (!budget.TrySpend(now, settings.HubCallsPerSecond, settings.HubCallBurst, out var wait))
            throw ChatHubErrors.Error(ErrorCodes.RateLimited, "Too many calls on this connection.", wait);

        if (context.Items.TryGetValue(CheckedAtKey, out var at) && at is DateTimeOffset checkedAt &&
            now - checkedAt < settings.SessionRecheckInterval)
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
        if (state.Person is { } person)
            ChatHub.ConnectionOf(context)?.ShowAs(person);
        context.Items[CheckedAtKey] = now;
        return await next(invocationContext);
    }

    /// <summary>A token bucket: <c>perSecond</c> calls come back each second, up to <c>burst</c> saved.</summary>
    private sealed class CallBudget(double tokens, DateTimeOffset at)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private DateTimeOffset _at = at;

        public bool TrySpend(DateTimeOffset now, int perSecond, int burst, out TimeSpan wait)
        {
            lock (_lock)
            {
                _tokens = Math.Min(burst, _tokens + (now - _at).TotalSeconds * perSecond);
                _at = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    wait = TimeSpan.Zero;
                    return true;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
                return false;
            }
        }
    }
}
