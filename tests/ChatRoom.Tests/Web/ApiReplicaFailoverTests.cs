using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.Tests.Web;

/// <summary>
/// A replica behind the Web stops: it is left out within one health-check interval, and its hub connections move
/// to the other. Each test stops a replica, so each starts two of its own.
/// </summary>
public sealed class ApiReplicaFailoverTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan HealthCheckInterval = ReplicasBehindWeb.HealthCheckInterval;
    private readonly ReplicasBehindWeb _replicas = new(infrastructure);

    public ValueTask InitializeAsync() => _replicas.InitializeAsync();

    public ValueTask DisposeAsync() => _replicas.DisposeAsync();

    [Fact]
    public async Task WhenAReplicaStopsRequestsSucceedAgainWithinOneHealthCheckInterval()
    {
        await Eventually.HoldsAsync(async () => await _replicas.GetLoungesAsync() == HttpStatusCode.OK &&
            _replicas.First.CountServed("/api/lounges") > 0 && _replicas.Second.CountServed("/api/lounges") > 0);

        await _replicas.First.DisposeAsync();
        var sinceStop = Stopwatch.StartNew();
        var outcomes = new List<(TimeSpan Sent, HttpStatusCode Status)>();
        while (sinceStop.Elapsed < 3 * HealthCheckInterval)
            outcomes.Add((sinceStop.Elapsed, await _replicas.GetLoungesAsync()));

        Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.OK), failed => Assert.True(failed.Sent < HealthCheckInterval,
            $"A request sent {failed.Sent.TotalMilliseconds:F0} ms after the replica stopped answered {(int)failed.Status}."));
        Assert.Contains(outcomes, o => o.Sent >= 2 * HealthCheckInterval && o.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task AReplicaThatStopsWhileNobodyAsksIsLeftOutBeforeTheNextRequest()
    {
        await _replicas.First.DisposeAsync();

        // Without traffic only the active health check can notice; once it has, no request reaches the dead replica.
        await Eventually.HoldsAsync(() => Task.FromResult(_replicas.WebLogs.Lines.Any(line =>
                line.Contains("replica-0", StringComparison.Ordinal) && line.Contains("cluster `api` is set to 'Unhealthy'", StringComparison.Ordinal))),
            within: TimeSpan.FromSeconds(10), because: "The health check did not take the stopped replica out.");
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, await _replicas.GetLoungesAsync());
    }

    [Fact]
    public async Task AHubConnectionWhoseReplicaStopsReconnectsToTheOther()
    {
        var session = await _replicas.Browser.RegisterAndLoginAsync("moved");
        await using var hub = _replicas.Connect(session, HttpTransportType.WebSockets, tag: "moving", reconnect: true);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync(AuthApi.Ct);
        await hub.InvokeAsync("Heartbeat", AuthApi.Ct);
        var (serving, other) = _replicas.First.ServedHubRequestsOf("moving") > 0
            ? (_replicas.First, _replicas.Second)
            : (_replicas.Second, _replicas.First);

        await serving.DisposeAsync();

        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20), AuthApi.Ct);
        await hub.InvokeAsync("Heartbeat", AuthApi.Ct);
        Assert.True(other.ServedHubRequestsOf("moving") > 0);
    }
}
