using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatRoom.AppHost.Tests;

[Collection(ChatRoomApp.Name)]
public sealed class ResourceStateTests(ChatRoomAppFixture chatRoom)
{
    [Fact]
    public async Task MigrationsRunToTheEndAndExitWithZero()
    {
        using var timeout = Timeouts.Start();

        var migrations = await chatRoom.App.ResourceNotifications.WaitForResourceAsync(
            "migrations",
            change => change.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state),
            timeout.Token);

        Assert.Equal(KnownResourceStates.Finished, migrations.Snapshot.State?.Text);
        Assert.Equal(0, migrations.Snapshot.ExitCode);
    }

    // The fixture waits for the Web alone: the servers, the database, the Worker and both Api replicas must get
    // there by themselves (a database child of a local server is Running only if the AppHost says so).
    [Theory]
    [InlineData("postgres")]
    [InlineData("chatdb")]
    [InlineData("redis")]
    [InlineData("blobs")]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task EveryLongRunningResourceIsRunningAndHealthy(string resource)
    {
        using var timeout = Timeouts.Start();

        var healthy = await chatRoom.App.ResourceNotifications.WaitForResourceHealthyAsync(
            resource, WaitBehavior.StopOnResourceUnavailable, timeout.Token);

        Assert.Equal(KnownResourceStates.Running, healthy.Snapshot.State?.Text);
    }

    [Fact]
    public async Task TheApiRunsTwoHealthyReplicas()
    {
        var replicas = await Replicas.OfAsync(chatRoom.App, "api", expected: 2);

        Assert.Equal(2, replicas.Count);
        Assert.All(replicas, replica =>
        {
            Assert.Equal(KnownResourceStates.Running, replica.Snapshot.State?.Text);
            Assert.Equal(HealthStatus.Healthy, replica.Snapshot.HealthStatus);
        });
    }
}
