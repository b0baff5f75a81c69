namespace ChatRoom.Tests.Foundation;

/// <summary>
/// These tests stop and restart PostgreSQL and Redis, so they get servers of their own instead of the
/// shared ones every other class uses.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private PostgresServer _postgres = null!;
    private RedisServer _redis = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        (_postgres, _redis) = (await postgres, await redis);
        await _postgres.ExecuteAsync("CREATE DATABASE chatdb");
        _database = _postgres.ConnectionString("chatdb");
        await MigrationServiceProcess.RunAsync(_database, "admin", "Admin-Password-1");
    }

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task ApiHealthFollowsRedisAndPostgresGoingAwayAndComingBack()
    {
        await using var api = new ApiFactory(_database, _redis.ConnectionString());
        using var client = api.CreateClient();
        await AssertHealthBecomesAsync(client, HttpStatusCode.OK);

        await _redis.StopAsync();
        await AssertHealthBecomesAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        await _redis.StartAgainAsync();
        await AssertHealthBecomesAsync(client, HttpStatusCode.OK);

        await _postgres.StopAsync();
        await AssertHealthBecomesAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        await _postgres.StartAgainAsync();
        await AssertHealthBecomesAsync(client, HttpStatusCode.OK);
    }

    [Fact]
    public async Task WorkerHealthTurnsUnhealthyWithoutRedisAndRecovers()
    {
        await using var worker = new WorkerFactory(_database, _redis.ConnectionString());
        using var client = worker.CreateClient();
        await AssertHealthBecomesAsync(client, HttpStatusCode.OK);

        await _redis.StopAsync();
        await AssertHealthBecomesAsync(client, HttpStatusCode.ServiceUnavailable);
        await _redis.StartAgainAsync();
        await AssertHealthBecomesAsync(client, HttpStatusCode.OK);
    }

    private static async Task AssertHealthBecomesAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        HttpStatusCode status;
        string body;
        do
        {
            using var response = await client.GetAsync("/health");
            (status, body) = (response.StatusCode, await response.Content.ReadAsStringAsync());
            if (status == expected)
                return;
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"/health stayed {status} ({body}), expected {expected} within {Deadline}.");
    }
}
