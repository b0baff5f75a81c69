using System.Collections.Concurrent;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace ChatRoom.AppHost.Tests;

/// <summary>
/// Starts the AppHost once for a test class and waits until the Web is healthy, which (through the
/// AppHost's WaitFor/WaitForCompletion chain) means the migrations ran and the Api is up too.
/// </summary>
public sealed class ChatRoomAppFixture : IAsyncLifetime
{
    // A cold machine first pulls the postgres and redis images and builds every project.
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);

    private const string AdminUserNameParameter = "initial-admin-username";

    private DistributedApplication? app;

    public DistributedApplication App =>
        app ?? throw new InvalidOperationException("The AppHost has not been started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartupTimeout);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChatRoom_AppHost>(timeout.Token);
        GiveEveryParameterAValue(builder);
        RemoveDataVolumes(builder);
        app = await builder.BuildAsync(timeout.Token);

        // Kept only to say which resource is stuck if startup times out.
        var states = new ConcurrentDictionary<string, string>();
        using var stopWatching = new CancellationTokenSource();
        var watching = RecordStatesAsync(app, states, stopWatching.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(
                "web", WaitBehavior.StopOnResourceUnavailable, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested
                                                  && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                "The AppHost's web resource was not healthy within the startup timeout. Resource states: " +
                string.Join(", ", states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + " " + s.Value)));
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watching;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }

    // Nothing may wait for a prompt: each parameter gets a fresh value (the admin's name must be a valid user name).
    private static void GiveEveryParameterAValue(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var parameter in builder.Resources.OfType<ParameterResource>().Where(p => !p.IsConnectionString))
        {
            builder.Configuration[$"Parameters:{parameter.Name}"] = parameter.Name == AdminUserNameParameter
                ? "admin"
                : Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        }
    }

    // The data volume holds `dotnet run`'s database: a test run starts empty and leaves nothing behind.
    private static void RemoveDataVolumes(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var resource in builder.Resources)
        {
            var volumes = resource.Annotations.OfType<ContainerMountAnnotation>()
                .Where(mount => mount.Type == ContainerMountType.Volume)
                .ToList();
            foreach (var volume in volumes)
                resource.Annotations.Remove(volume);
        }
    }

    private static async Task RecordStatesAsync(
        DistributedApplication app, ConcurrentDictionary<string, string> states, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                var snapshot = change.Snapshot;
                states[change.Resource.Name] = (snapshot.State?.Text ?? "Unknown") +
                    (snapshot.HealthStatus is { } health ? "/" + health : "") +
                    (snapshot.ExitCode is { } exitCode ? " (exit code " + exitCode + ")" : "");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
