using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;
using Yarp.ReverseProxy.Transforms;

namespace ChatRoom.Web;

/// <summary>
/// The Web's route to the Api: <c>/api/**</c> and <c>/hubs/**</c> (WebSockets, SSE and long polling included) are
/// balanced over every configured Api replica (<see cref="ApiProxyOptions.Addresses"/>), so the browser sees one
/// origin. YARP adds the X-Forwarded-* headers by default.
/// </summary>
/// <remarks>
/// A class rather than a static holder so tests can name it: <c>WebApplicationFactory&lt;ApiProxy&gt;</c>.
/// </remarks>
public sealed class ApiProxy(IOptions<ApiProxyOptions> options) : IProxyConfigProvider
{
    private const string ApiClusterId = "api";
    private const string HubsClusterId = "hubs";

    /// <summary>Names the replica a browser's hub connection is pinned to (a hash of the destination's id, no secret).</summary>
    public const string HubAffinityCookie = ".ChatRoom.HubReplica";

    // Probes that fail in a row before the active check takes a replica out: one slow answer is not a dead replica.
    private const int ProbeFailuresToEject = 2;

    private static readonly RouteConfig[] Routes =
    [
        new() { RouteId = "api", ClusterId = ApiClusterId, Match = new() { Path = "/api/{**rest}" } },
        new() { RouteId = "hubs", ClusterId = HubsClusterId, Match = new() { Path = "/hubs/{**rest}" } },
    ];

    private readonly InMemoryConfigProvider config = new(Routes,
    [
        Cluster(ApiClusterId, options.Value, affinity: null),
        // A hub connection is a sequence of requests that only its replica understands: negotiate, then the
        // WebSocket (or the SSE stream and its POSTs, or every long poll) with the connection token, then stateful
        // reconnects with the same token. The browser sends this cookie with each of them (same origin; WebSocket
        // handshakes carry cookies too), so they all reach the replica that answered the negotiate.
        Cluster(HubsClusterId, options.Value, new SessionAffinityConfig
        {
            Enabled = true,
            Policy = SessionAffinityConstants.Policies.HashCookie,
            // The pinned replica is down (or unknown to this Web): pick another and pin to it. Its negotiate or
            // reconnect fails once, and the client's automatic reconnect starts over there, catching up by seq.
            FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
            AffinityKeyName = HubAffinityCookie,
            Cookie = new SessionAffinityCookieConfig
            {
                Path = "/hubs",
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                SecurePolicy = CookieSecurePolicy.SameAsRequest,
                IsEssential = true,
            },
        }),
    ]);

    public IProxyConfig GetConfig() => config.GetConfig();

    private static ClusterConfig Cluster(string clusterId, ApiProxyOptions options, SessionAffinityConfig? affinity) => new()
    {
        ClusterId = clusterId,
        // Of two random replicas, the one with fewer requests in flight: open hub connections count, so new ones
        // go where fewer are.
        LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
        SessionAffinity = affinity,
        HealthCheck = new HealthCheckConfig
        {
            // Liveness, not readiness: /health also fails when PostgreSQL or Redis do, and those are shared by every
            // replica, so it would take them all out at once; the Web would answer 503 to everything, even what the
            // Api still serves without Redis (it falls back to in-memory rate limits and catches clients up by seq).
            // Moving traffic to another replica cures neither outage. A replica leaves the rotation when its
            // process does not answer.
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.HealthCheckInterval,
                Timeout = options.HealthCheckInterval,
                Path = ServiceDefaultsExtensions.AlivePath,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
            },
            // A request that fails on a replica takes it out at once, so with traffic a dead replica costs the
            // requests in flight when it died, not an interval of them. Reactivation waits until the probes have had
            // time to agree: a replica still dead stays out, one that is back returns.
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = FirstFailureHealthPolicy.PolicyName,
                ReactivationPeriod = options.HealthCheckInterval * (ProbeFailuresToEject + 1),
            },
            // Should every replica look unhealthy (a probe timing out under load), try them anyway rather than
            // answer 503 to everything.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
        },
        Metadata = new Dictionary<string, string>
        {
            [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = ProbeFailuresToEject.ToString(CultureInfo.InvariantCulture),
        },
        // Ids by position, the same in every Web replica, so the affinity cookie means the same replica in all of them.
        Destinations = options.Addresses
            .Select((address, index) => (Id: $"replica-{index}", Config: new DestinationConfig { Address = address }))
            .ToDictionary(d => d.Id, d => d.Config),
    };
}

public static class ApiProxyExtensions
{
    public static IHostApplicationBuilder AddApiProxy(this IHostApplicationBuilder builder)
    {
        // Addresses are read when first needed (not here), so test hosts can supply them too.
        builder.Services.AddOptions<ApiProxyOptions>()
            .BindConfiguration(ApiProxyOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.Addresses = [.. ApiProxyOptions.ReadAddresses(configuration)])
            .Validate(options => options.HasValidAddresses, ApiProxyOptions.InvalidAddressesMessage)
            .Validate(options => options.HasValidInterval, ApiProxyOptions.InvalidIntervalMessage)
            .ValidateOnStart();

        builder.Services.AddReverseProxy().AddTransforms(transforms => transforms.AddRequestTransform(MoveAccessTokenToHeader));
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, FirstFailureHealthPolicy>();
        builder.Services.AddSingleton<IProxyConfigProvider, ApiProxy>();
        return builder;
    }

    /// <summary>
    /// The Api gets the browser's hub token as an <c>Authorization</c> header, never in the URL: nothing that logs
    /// or traces the proxied request (the proxy's own "Proxying to" line, the Api's request logs) can show it.
    /// </summary>
    private static ValueTask MoveAccessTokenToHeader(RequestTransformContext context)
    {
        if (context.Query.Collection.Remove(AccessTokenParameter, out var token) && token is [{ Length: > 0 } value]
            && context.ProxyRequest.Headers.Authorization is null)
        {
            context.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        }
        return ValueTask.CompletedTask;
    }

    private const string AccessTokenParameter = "access_token";

    /// <summary>
    /// YARP's default pipeline: session affinity, load balancing over the healthy replicas, and the passive health
    /// check that sees each forwarded request's outcome.
    /// </summary>
    public static IEndpointRouteBuilder MapApiProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy();
        return endpoints;
    }
}
