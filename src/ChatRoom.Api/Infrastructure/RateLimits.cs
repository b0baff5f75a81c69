using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using ChatRoom.Api.Auth;
using ChatRoom.Chat.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Infrastructure;

/// <summary>A budget per signed-in user: at most <see cref="PerUser"/> calls in every <see cref="Window"/>.</summary>
public sealed class PerUserLimitOptions
{
    [Range(1, 10_000_000)]
    public int PerUser { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; }
}

/// <summary>
/// The request-rate policies, as <c>Microsoft.AspNetCore.RateLimiting</c> policies counted in the shared
/// <see cref="WindowCounter"/>: every authenticated <c>/api</c> call per user (the global limiter), and the named
/// policies the endpoints ask for. Every refusal is a 429 problem with its code, <c>retryAfter</c> and <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string AuthPerAddress = "auth-address";
    public const string ReportsPerUser = "reports-user";
    public const string HeartbeatPerUser = "heartbeat-user";

    // The per-user budgets, each in its configuration section with its default.
    private const string ApiSection = "RateLimits:Api";
    private const string ReportsSection = "RateLimits:Reports";
    private const string HeartbeatSection = "RateLimits:Heartbeat";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Every REST call, reads included; clients of a person make a few a minute.
        AddBudget(services, ApiSection, 300, TimeSpan.FromMinutes(1));
        // Reporting must not become a way to flood the moderators.
        AddBudget(services, ReportsSection, 10, TimeSpan.FromMinutes(10));
        // Clients beat every 20 s or so.
        AddBudget(services, HeartbeatSection, 12, TimeSpan.FromMinutes(1));
        services.TryAddSingleton<WindowCounter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            var counter = sp.GetRequiredService<WindowCounter>();
            var clock = sp.GetRequiredService<TimeProvider>();
            RateLimitPartition<string> Partition(string key, Func<RateLimitRule> rule) =>
                RateLimitPartition.Get(key, partition => new SharedWindowLimiter(counter, rule(), partition, clock));

            var budgets = sp.GetRequiredService<IOptionsMonitor<PerUserLimitOptions>>();
            var api = budgets.Get(ApiSection);
            // Counted here and shared in the background: this limit sees every request, and must not cost each a round trip.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api") && http.User.Identity?.IsAuthenticated == true
                    ? Partition(http.User.UserId().ToString("N"), () => new RateLimitRule("api-user", ErrorCodes.RateLimited, api.PerUser, api.Window,
                        $"You are making too many requests: at most {api.PerUser} every {Describe(api.Window)}.", CountHere: true))
                    : RateLimitPartition.GetNoLimiter(""));

            var auth = sp.GetRequiredService<IOptions<AuthRateLimitOptions>>().Value;
            options.AddPolicy(AuthPerAddress, http => Partition(http.ClientIp() ?? "unknown", () => new RateLimitRule("auth-ip",
                ErrorCodes.AuthRateLimited, auth.IpRequests, auth.IpWindow, "Too many sign-in requests from this address.")));

            var reports = budgets.Get(ReportsSection);
            options.AddPolicy(ReportsPerUser, http => Partition(http.User.UserId().ToString("N"), () => new RateLimitRule("report-user",
                ErrorCodes.ReportRateLimited, reports.PerUser, reports.Window,
                $"You have sent the most reports allowed for now ({reports.PerUser} every {Describe(reports.Window)}).")));

            var heartbeat = budgets.Get(HeartbeatSection);
            options.AddPolicy(HeartbeatPerUser, http => Partition(http.User.UserId().ToString("N"), () => new RateLimitRule("heartbeat-user",
                ErrorCodes.PresenceRateLimited, heartbeat.PerUser, heartbeat.Window,
                $"Too many heartbeats: at most {heartbeat.PerUser} every {Describe(heartbeat.Window)}.")));

            options.OnRejected = (context, _) => Reject(context);
        });
        return builder;
    }

    private static void AddBudget(IServiceCollection services, string section, int perUser, TimeSpan window) =>
        services.AddOptions<PerUserLimitOptions>(section)
            .Configure(o => (o.PerUser, o.Window) = (perUser, window))
            .BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    private static async ValueTask Reject(OnRejectedContext context)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var problem = context.Lease.TryGetMetadata(SharedWindowLimiter.RuleMetadata, out var rule) && rule is not null
            ? Problems.TooMany(http, rule.Code, rule.Detail, wait)
            : Problems.TooMany(http, ErrorCodes.RateLimited, "Too many requests.", wait);
        await problem.ExecuteAsync(http);
    }

    private static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalSeconds:0} s");
}
