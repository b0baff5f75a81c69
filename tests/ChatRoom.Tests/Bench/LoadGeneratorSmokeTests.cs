using ChatRoom.LoadTest;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Bench;

/// <summary>
/// The load generator's core against a real Api for a moment at a low rate: it must see every message reach every
/// member exactly once. No thresholds: speed is measured by bench.sh, never by a test.
/// </summary>
public sealed class LoadGeneratorSmokeTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private ApiServer _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData(SendPath.Hub, WireProtocol.Json)]
    [InlineData(SendPath.Rest, WireProtocol.MessagePack)]
    public async Task TheGeneratorSeesEveryMessageDeliveredToEveryMemberOnce(SendPath send, WireProtocol protocol)
    {
        var http = _api.NewHttpClient();
        var users = await new UserPool(http, $"smoke{send}", cacheFile: null).GetAsync(5, concurrency: 5, AuthApi.Ct);
        var rooms = await ChatScenario.RoomsAsync(http, 1, AuthApi.Ct);
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
