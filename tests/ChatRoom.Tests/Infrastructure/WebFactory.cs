extern alias web;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>ChatRoom.Web on a real Kestrel port, proxying to the Api at <paramref name="apiAddress"/>.</summary>
public sealed class WebFactory : WebApplicationFactory<web::Program>
{
    private readonly string _apiAddress;
    private readonly ILoggerProvider? _logs;

    /// <param name="logs">When given, receives every log line of the Web, down to Trace.</param>
    public WebFactory(string apiAddress, ILoggerProvider? logs = null)
    {
        _apiAddress = apiAddress;
        _logs = logs;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("services:api:http:0", _apiAddress);
        // A line per proxied request buries the test output; warnings and errors still show.
        builder.UseSetting("Logging:LogLevel:Default", _logs is null ? "Warning" : "Trace");
        if (_logs is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
    }

    /// <summary>Starts the server and answers its address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri StartAndGetAddress()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }
}
