using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatRoom.AppHost.Tests;

internal static class Replicas
{
    /// <summary>The latest event of each running instance of a resource, once there are <paramref name="expected"/> of them.</summary>
    public static async Task<IReadOnlyList<ResourceEvent>> OfAsync(DistributedApplication app, string resource, int expected)
    {
        using var timeout = Timeouts.Start();
        var latest = new Dictionary<string, ResourceEvent>(StringComparer.Ordinal);
        await foreach (var change in app.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (change.Resource.Name != resource)
                continue;
            latest[change.ResourceId] = change;
            var ready = latest.Values.Where(e => e.Snapshot.State?.Text == KnownResourceStates.Running
                                                 && e.Snapshot.HealthStatus == HealthStatus.Healthy).ToList();
            if (ready.Count >= expected)
                return ready;
        }
        return [.. latest.Values];
    }

    /// <summary>
    /// The instance's own address, past the orchestrator's proxy (which spreads connections over the replicas):
    /// the port the instance listens on, from the environment the AppHost gave it.
    /// </summary>
    public static Uri DirectAddress(ResourceEvent instance)
    {
        var urls = instance.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value
            ?? throw new InvalidOperationException($"{instance.ResourceId} has no ASPNETCORE_URLS: " +
                string.Join(", ", instance.Snapshot.EnvironmentVariables.Select(v => v.Name)) + " | urls: " +
                string.Join(", ", instance.Snapshot.Urls.Select(u => u.Name + "=" + u.Url + (u.IsInternal ? " (internal)" : ""))));
        return new Uri(urls.Split(';')[0]);
    }
}
