using ChatRoom.Tests.Realtime;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatRoom.Tests.Foundation;

/// <summary>
/// A user's budget of REST calls holds across replicas: each replica counts the calls it serves and shares the
/// count through Redis, so moving to another replica does not start the budget over.
/// </summary>
public sealed class SharedRequestLimitTests(SharedRequestLimitTests.Replicas replicas) : IClassFixture<SharedRequestLimitTests.Replicas>
{
    private const int Calls = 6;

    public sealed class Replicas(TestInfrastructure infrastructure) : ReplicatedChatServerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings =>
            [("RateLimits:Api:PerUser", Calls.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("RateLimits:Api:Window", "1.00:00:00")];
    }

    [Fact]
    public async Task CallsOnOneReplicaCountOnTheOther()
    {
        var onOne = await ChatApi.SignInAsync(replicas.Api, "alice");
        var onTwo = await replicas.Replica.NewHttpClient().LoginAsync(onOne.User.UserName);

        for (var i = 0; i < 4; i++)
        {
            using var read = await onOne.GetAsync("/api/auth/me");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        await Eventually.HoldsAsync(async () => await SharedCountAsync(onOne.User.Id) == 4, because: "the first replica shared its count");

        for (var i = 4; i < Calls; i++)
        {
            using var read = await onTwo.GetAsync("/api/auth/me");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using var refused = await onTwo.GetAsync("/api/auth/me");
        await AuthApi.ReadProblemAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
    }

    private async Task<long> SharedCountAsync(Guid userId)
    {
        var redis = replicas.Api.Services.GetRequiredService<IConnectionMultiplexer>();
        var database = redis.GetDatabase();
        var keys = new List<RedisKey>();
        await foreach (var key in redis.GetServers()[0].KeysAsync(database.Database, $"chatroom:ratelimit:api-user:{userId:N}:*"))
            keys.Add(key);
        return keys.Count == 1 ? (long)await database.StringGetAsync(keys[0]) : 0;
    }
}
