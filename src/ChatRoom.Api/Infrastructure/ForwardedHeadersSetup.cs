using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// X-Forwarded-For/-Proto/-Host are believed only from the proxies named in configuration
/// (<c>Network:TrustedProxies</c> addresses, <c>Network:TrustedNetworks</c> CIDR ranges) and from loopback,
/// where ChatRoom.Web runs beside the Api. Anyone else's header is ignored, so clients cannot pick the
/// address their rate limits are counted under. The forwarded host is the one the browser used (the Web's), which
/// the hub's origin check compares a page's Origin with.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection("Network:TrustedProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("Network:TrustedNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in proxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }
}
