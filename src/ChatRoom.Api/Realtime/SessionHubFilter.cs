using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Realtime;

/// <summary>
/// Every hub call spends from the connection's budget of calls (<see cref="RealtimeOptions.HubCallsPerSecond"/>,
/// bursts up to <see cref="RealtimeOptions.HubCallBurst"/>): a client that floods the hub gets an error with the
/// wait, not the server's time. A call does not re-check the session: a connection whose session ended, or whose
/// role changed, is closed by <see cref="RevocationBus"/> at once and by <see cref="Auth.SessionWatch"/> within
/// its interval when the announcement was lost, and both keep the connection's profile current. A check per call
/// would cost a Redis round trip (and, as cached entries expire, database reads) on every send for nothing more.
/// </summary>
public sealed class SessionHubFilter(IOptionsMonitor<RealtimeOptions> options, TimeProvider clock) : IHubFilter
{
    private const string BudgetKey = "call-budget";

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var now = clock.GetUtcNow();
        var settings = options.CurrentValue;
        if (!context.Items.TryGetValue(BudgetKey, out var held) || held is not CallBudget budget)
            context.Items[BudgetKey] = budget = new CallBudget(settings.HubCallBurst, now);
        if (!budget.TrySpend(now, settings.HubCallsPerSecond, settings.HubCallBurst, out var wait))
            throw ChatHubErrors.Error(ErrorCodes.RateLimited, "Too many calls on this connection.", wait);
        return next(invocationContext);
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
