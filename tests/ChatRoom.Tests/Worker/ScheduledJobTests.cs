extern alias worker;

using System.Globalization;
using StackExchange.Redis;
using PulseJob = worker::ChatRoom.Worker.Jobs.PulseJob;

namespace ChatRoom.Tests.Worker;

public sealed class ScheduledJobTests(ScheduledJobTests.PulsingWorker fixture) : IClassFixture<ScheduledJobTests.PulsingWorker>
{
    private static readonly TimeSpan PulseInterval = TimeSpan.FromSeconds(15);

    public sealed class PulsingWorker(TestInfrastructure infrastructure) : WorkerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => [("Jobs:Pulse:Interval", "00:00:15")];
    }

    [Fact]
    public async Task PulseJobKeepsMarkingTheWorkerAliveInRedis()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.RedisConnectionString);
        var db = redis.GetDatabase();

        await fixture.Worker.WaitForRunsAsync("pulse", 1);
        var first = await PulseAsync(db);
        await WorkerFactory.RunAgainAsync(fixture.Clock, PulseInterval, "pulse", fixture.Worker);
        var second = await PulseAsync(db);

        Assert.Equal(first + PulseInterval, second);
        var ttl = await db.KeyTimeToLiveAsync(PulseJob.InstanceKey);
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), 3 * PulseInterval);
    }

    private static async Task<DateTimeOffset> PulseAsync(IDatabase db)
    {
        var value = (string?)await db.StringGetAsync(PulseJob.InstanceKey);
        Assert.NotNull(value);
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
    }
}
