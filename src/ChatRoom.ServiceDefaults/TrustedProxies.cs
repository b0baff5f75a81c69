using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// X-Forwarded-For/-Proto/-Host are believed only from the proxies named in configuration
/// (<c>Network:TrustedProxies</c> addresses, <c>Network:TrustedNetworks</c> CIDR ranges) and from loopback.
/// Anyone else's header is ignored, so clients cannot pick the address their rate limits are counted under.
/// The Api trusts the Web (beside it, or named here); the Web trusts the ingress in front of it, so behind a
/// TLS-terminating ingress it knows the browser came over HTTPS (HSTS, Secure cookies) and passes the browser's
/// address, scheme and host on to the Api, whose hub origin check compares a page's Origin with that host.
/// </summary>
public static class TrustedProxies
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
