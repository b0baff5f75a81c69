using ChatRoom.LoadTest;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Bench;

/// <summary>
/// The load generator's core against a real Api for a moment at a low rate: it must see every message reach every
/// member exactly once. No thresholds: speed is measured by bench.sh, never by a test.
/// </summary>
public sealed class LoadGeneratorSmokeTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    private readonly ApiServer _api = server.Api;

    [Theory]
    [InlineData(SendPath.Hub, WireProtocol.Json)]
    [InlineData(SendPath.Rest, WireProtocol.MessagePack)]
    public async Task TheGeneratorSeesEveryMessageDeliveredToEveryMemberOnce(SendPath send, WireProtocol protocol)
    {
        var http = _api.NewHttpClient();
        var users = await new UserPool(http, $"smoke{send}", cacheFile: null).GetAsync(5, concurrency: 5, AuthApi.Ct);
        IReadOnlyList<Guid> rooms = [await server.NewRoomAsync()];
        var settings = new ChatSettings([_api.Address], users, ChatScenario.Seat(users.Count, rooms), Senders: 3,
            send, protocol, Rates: [20], Step: TimeSpan.FromSeconds(1.5));

        var steps = await ChatScenario.RunAsync(settings, new ProcessSampler(ProcessSampler.Parse(null)), AuthApi.Ct);

        var step = Assert.Single(steps);
        Assert.Equal(30, step.Sent);
        Assert.Equal(step.Sent, step.Accepted);
        Assert.Empty(step.Errors);
        Assert.Equal(step.Sent * users.Count, step.ExpectedDeliveries);
        Assert.Equal(step.ExpectedDeliveries, step.Deliveries);
        Assert.Equal((0L, 0L), (step.Lost, step.Duplicates));
    }
}
