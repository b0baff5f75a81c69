using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Realtime;

/// <summary>
/// A connection has a budget of hub calls per second: a client flooding the hub (typing events, joins, heartbeats)
/// is told to wait instead of taking the server's time, and its other connections and other people are not.
/// </summary>
public sealed class HubCallBudgetTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private ApiServer _api = null!;
    private Guid _room;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings(("Realtime:HubCallsPerSecond", "1"), ("Realtime:HubCallBurst", "10")));
        _room = (await ChatApi.RoomsAsync(_api))[0];
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();

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
