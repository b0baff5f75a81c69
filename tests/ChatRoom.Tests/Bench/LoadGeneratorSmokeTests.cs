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
    [InlineData(SendPath.Hub, WireProtocol.MessagePack)]
    [InlineData(SendPath.Rest, WireProtocol.MessagePack)]
    public async Task TheGeneratorSeesEveryMessageDeliveredToEveryMemberOnce(SendPath send, WireProtocol protocol)
    {
        var http = _api.NewHttpClient();
        var users = await new UserPool(http, $"smoke{send}", cacheFile: null).GetAsync(5, concurrency: 5, AuthApi.Ct);
        IReadOnlyList<Guid> rooms = [await server.NewRoomAsync()];
        var settings = new ChatSettings([_api.Address], users, ChatScenario.Seat(users.Count, rooms), Senders: 3,
            send, protocol, new LadderPlan(20, 1.5, 0.1, MaxSteps: 2, Fixed: [20], Step: TimeSpan.FromSeconds(1.5)), Redis: null, ModerationStream: "");

        var steps = await ChatScenario.RunAsync(settings, new ProcessSampler(ProcessSampler.Parse(null)), AuthApi.Ct);

        // A slow step (p99 over the limit on a busy machine) is run once more; each run must be complete.
        Assert.InRange(steps.Count, 1, 2);
        Assert.All(steps, step =>
        {
            Assert.Equal(30, step.Sent);
            Assert.Equal(step.Sent, step.Accepted);
            Assert.Empty(step.Errors);
            Assert.Equal(step.Sent * users.Count, step.ExpectedDeliveries);
            Assert.Equal(step.ExpectedDeliveries, step.Deliveries);
            Assert.Equal((0L, 0L), (step.Lost, step.Duplicates));
        });
    }
}
