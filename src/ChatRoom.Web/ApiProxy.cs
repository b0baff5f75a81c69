using Microsoft.Extensions.Options;
using System.Net.Http.Headers;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace ChatRoom.Web;

/// <summary>
/// The Web's route to the Api: <c>/api/**</c> and <c>/hubs/**</c> (WebSockets, SSE and long polling included)
/// are forwarded to <see cref="ApiProxyOptions.Address"/>, so the browser sees one origin. YARP adds the
/// X-Forwarded-* headers by default.
/// </summary>
/// <remarks>
/// A class rather than a static holder so tests can name it: <c>WebApplicationFactory&lt;ApiProxy&gt;</c>.
/// </remarks>
public sealed class ApiProxy(IOptions<ApiProxyOptions> options) : IProxyConfigProvider
{
    private const string ClusterId = "api";

    private static readonly RouteConfig[] Routes =
    [
        new() { RouteId = "api", ClusterId = ClusterId, Match = new() { Path = "/api/{**rest}" } },
        new() { RouteId = "hubs", ClusterId = ClusterId, Match = new() { Path = "/hubs/{**rest}" } },
    ];

    private readonly InMemoryConfigProvider config = new(Routes,
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["api"] = new() { Address = options.Value.Address! },
            },
        },
    ]);

    public IProxyConfig GetConfig() => config.GetConfig();
}

public static class ApiProxyExtensions
{
    public static IHostApplicationBuilder AddApiProxy(this IHostApplicationBuilder builder)
    {
        // Read from configuration when first needed (not here), so test hosts can supply the address too.
        builder.Services.AddOptions<ApiProxyOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.Address = configuration[ApiProxyOptions.AddressKey])
            .Validate(options => options.IsValid, ApiProxyOptions.InvalidAddressMessage)
            .ValidateOnStart();

        builder.Services.AddReverseProxy().AddTransforms(transforms => transforms.AddRequestTransform(MoveAccessTokenToHeader));
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

    public static IEndpointRouteBuilder MapApiProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy();
        return endpoints;
    }
}
