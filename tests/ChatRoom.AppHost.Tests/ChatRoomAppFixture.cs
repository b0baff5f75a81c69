using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatRoom.AppHost.Tests;

[CollectionDefinition(Name)]
public sealed class ChatRoomApp : ICollectionFixture<ChatRoomAppFixture>
{
    public const string Name = "ChatRoom through its AppHost";
}

/// <summary>
/// The AppHost started once for every test class of <see cref="ChatRoomApp"/>: local PostgreSQL and Redis on
/// throw-away data, two Api replicas, and the dashboard (anonymous, on a free port). The Worker's session cleanup
/// runs every second, so a test can watch a job do its work.
/// </summary>
public sealed class ChatRoomAppFixture : IAsyncLifetime
{
    // A cold machine builds every project and the SPA before anything starts.
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"chatroom-apphost-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not been started.");

    /// <summary>The dashboard's browser address, as the orchestrator publishes it (ports are randomised under test).</summary>
    public async Task<Uri> DashboardAddressAsync()
    {
        using var timeout = Timeouts.Start();
        var dashboard = await App.ResourceNotifications.WaitForResourceAsync(
            "aspire-dashboard", e => e.Snapshot.Urls.Any(IsFrontend), timeout.Token);
        return new Uri(dashboard.Snapshot.Urls.First(IsFrontend).Url);

        // Its other endpoints (OTLP over gRPC and HTTP) speak to exporters, not browsers.
        static bool IsFrontend(UrlSnapshot url) => url.Name == "http" && !url.IsInternal;
    }

    public async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartupTimeout);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChatRoom_AppHost>(
            [
                .. LocalArguments(_dataDirectory),
                "--ApiReplicas=2",
                $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                "--ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
            ],
            (options, _) => options.DisableDashboard = false,
            timeout.Token);
        builder.CreateResourceBuilder<ProjectResource>("worker")
            .WithEnvironment("Jobs__SessionCleanup__Interval", "00:00:01");
        _app = await builder.BuildAsync(timeout.Token);
        await StartAsync(_app, "web", timeout);
    }

    /// <summary>The AppHost's arguments for local PostgreSQL and Redis on data that dies with the test.</summary>
    public static string[] LocalArguments(string dataDirectory) =>
        ["--Infrastructure=Local", $"--LocalInfrastructure:DataDirectory={dataDirectory}", "--LocalInfrastructure:Durable=false"];

    /// <summary>
    /// Starts the app and waits until <paramref name="resource"/> is healthy. A service that stops on the way fails
    /// the start at once, with its log; a start that takes too long names every resource's state.
    /// </summary>
    public static async Task StartAsync(DistributedApplication app, string resource, CancellationTokenSource timeout)
    {
        var states = new ConcurrentDictionary<string, string>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var watching = WatchForStoppedServicesAsync(app, states, stopWatching.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            var healthy = app.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.StopOnResourceUnavailable, timeout.Token);
            await await Task.WhenAny(healthy, watching);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested
                                                  && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The AppHost's {resource} resource was not healthy in time. Resource states: " +
                string.Join(", ", states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + " " + s.Value)));
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watching;
        }
    }

    /// <summary>A connection to <c>chatdb</c>: as its owner, or with another service's connection string.</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync(string? connectionString = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = new NpgsqlConnection((connectionString ?? await App.GetConnectionStringAsync("chatdb", ct)) + ";Pooling=false");
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        DeleteDirectory(_dataDirectory);
    }

    public static void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing depends on it.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Records every resource's state; throws when a service that should keep running stops, or the
    // one-shot migrations fail. Runs until cancelled.
    private static async Task WatchForStoppedServicesAsync(
        DistributedApplication app, ConcurrentDictionary<string, string> states, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                var snapshot = change.Snapshot;
                states[change.ResourceId] = (snapshot.State?.Text ?? "Unknown") +
                    (snapshot.HealthStatus is { } health ? "/" + health : "") +
                    (snapshot.ExitCode is { } exitCode ? " (exit code " + exitCode + ")" : "");
                var stopped = snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state);
                if (stopped && !(change.Resource.Name == "migrations" && snapshot.ExitCode == 0))
                {
                    throw new InvalidOperationException(
                        $"{change.ResourceId} stopped ({snapshot.State?.Text}, exit code {snapshot.ExitCode}). Its log:\n" +
                        await LogOfAsync(app, change.ResourceId));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<string> LogOfAsync(DistributedApplication app, string resourceId)
    {
        var lines = new List<string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resourceId).WithCancellation(enough.Token))
                lines.AddRange(batch.Select(line => line.Content));
        }
        catch (OperationCanceledException)
        {
        }
        return string.Join('\n', lines.TakeLast(60));
    }
}
