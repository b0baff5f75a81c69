extern alias web;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// ChatRoom.Web on a real Kestrel port, proxying to the Api replicas at <c>apiAddresses</c> (given to it as an AppHost
/// would: <c>services:api:http:0</c>, <c>:1</c>, ...).
/// </summary>
public sealed class WebFactory : WebApplicationFactory<web::Program>
{
    private readonly IReadOnlyList<string> _apiAddresses;
    private readonly ILoggerProvider? _logs;
    private readonly IReadOnlyDictionary<string, string>? _settings;

    /// <param name="logs">When given, receives every log line of the Web, down to Trace.</param>
    public WebFactory(string apiAddress, ILoggerProvider? logs = null) : this([apiAddress], logs)
    {
    }

    /// <param name="logs">When given, receives every log line of the Web, down to Trace.</param>
    /// <param name="settings">More configuration, e.g. <c>ApiProxy:HealthCheckInterval</c>.</param>
    public WebFactory(IReadOnlyList<string> apiAddresses, ILoggerProvider? logs = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _apiAddresses = apiAddresses;
        _logs = logs;
        _settings = settings;
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        KestrelTestPort.Listen(builder, 0);
        for (var i = 0; i < _apiAddresses.Count; i++)
            builder.UseSetting($"services:api:http:{i}", _apiAddresses[i]);
        // A line per proxied request buries the test output; warnings and errors still show.
        builder.UseSetting("Logging:LogLevel:Default", _logs is null ? "Warning" : "Trace");
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
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
