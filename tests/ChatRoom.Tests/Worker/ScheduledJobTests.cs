extern alias worker;

using StackExchange.Redis;
using PulseJob = worker::ChatRoom.Worker.Jobs.PulseJob;

namespace ChatRoom.Tests.Worker;

public sealed class ScheduledJobTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task PulseJobKeepsMarkingTheWorkerAliveInRedis()
    {
        var redisConnection = infrastructure.CreateRedisConnectionString();
        await using var worker = new WorkerFactory(await infrastructure.CreateDatabaseAsync(), redisConnection,
            new Dictionary<string, string> { ["Jobs:Pulse:Interval"] = "00:00:00.200" });
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var db = redis.GetDatabase();

        _ = worker.Services; // starts the host and its jobs
        var first = await WaitForValueAsync(db, null);
        var second = await WaitForValueAsync(db, first);

        Assert.True(DateTimeOffset.Parse(second, System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
        var ttl = await db.KeyTimeToLiveAsync(PulseJob.InstanceKey);
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(600));
    }

    private static async Task<string> WaitForValueAsync(IDatabase db, string? differentFrom)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var value = (string?)await db.StringGetAsync(PulseJob.InstanceKey);
            if (value is not null && value != differentFrom)
                return value;
            await Task.Delay(50);
        }
        throw new TimeoutException("The pulse job did not write its key.");
    }
}
