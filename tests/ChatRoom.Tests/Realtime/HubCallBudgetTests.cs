using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Realtime;

/// <summary>
/// A connection has a budget of hub calls per second: a client flooding the hub (typing events, joins, heartbeats)
/// is told to wait instead of taking the server's time, and its other connections and other people are not.
/// </summary>
public sealed class HubCallBudgetTests(HubCallBudgetTests.Server server) : IClassFixture<HubCallBudgetTests.Server>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Guid _room;

    /// <summary>A budget a test can spend: ten calls at once, then one a second.</summary>
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => [("Realtime:HubCallsPerSecond", "1"), ("Realtime:HubCallBurst", "10")];
    }

    public async ValueTask InitializeAsync() => _room = await server.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AFloodingConnectionIsToldHowLongToWaitWhileAnotherConnectionGoesOn()
    {
        await using var flooder = await ChatApi.ConnectAsync(_api, "flooder");
        await using var other = await ChatClient.ConnectAsync(_api, flooder.Session);
        await flooder.JoinAsync(_room);

        var refused = await Assert.ThrowsAsync<HubException>(async () =>
        {
            for (var i = 0; i < 20; i++)
                await flooder.TypingAsync(_room, i % 2 == 0);
        });
        await other.JoinAsync(_room);

        Assert.Matches(@"^Too many calls on this connection\. Try again in \d+ s\.$", refused.Detail(ErrorCodes.RateLimited));
    }
}
