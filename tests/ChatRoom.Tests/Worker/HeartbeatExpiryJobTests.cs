using System.Text.Json;
using ChatRoom.Chat.Presence;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatRoom.Tests.Worker;

public sealed class HeartbeatExpiryJobTests(HeartbeatExpiryJobTests.ApiAndWorker fixture) : IClassFixture<HeartbeatExpiryJobTests.ApiAndWorker>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The Api, and a Worker of the same installation on a fake clock, with a presence timeout of five seconds.</summary>
    public sealed class ApiAndWorker(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        public FakeTimeProvider WorkerClock { get; } = new(DateTimeOffset.UtcNow);

        public WorkerFactory Worker { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Worker = new WorkerFactory(Api.DatabaseConnectionString, Api.RedisConnectionString, new Dictionary<string, string>
            {
                ["Presence:Timeout"] = "00:00:05",
                ["Jobs:HeartbeatExpiry:Interval"] = "00:00:01",
                ["Realtime:ChannelPrefix"] = Api.ChannelPrefix,
            }, WorkerClock).Start();
        }

        public override async ValueTask DisposeAsync()
        {
            if (Worker is not null)
                await Worker.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASilentUserIsShownOfflineToTheirRoomsWithinTheTimeout()
    {
        var api = fixture.Api;
        var silentUser = Guid.NewGuid();
        var offline = new TaskCompletionSource<PresenceEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = await SignInAsync(api, AuthApi.UniqueName("watcher"));
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, "/hubs/chat"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<PresenceEvent>(nameof(IChatClient.PresenceChanged), e =>
        {
            if (e.UserId == silentUser && !e.Online)
                offline.TrySetResult(e);
        });
        await connection.StartAsync(TestContext.Current.CancellationToken);
        var room = await FirstRoomAsync(api);
        await connection.InvokeAsync<JoinRoomResult>(nameof(ChatRoom.Realtime.ChatHub.JoinRoom), room, null, TestContext.Current.CancellationToken);

        // A user in the same room whose browser went away without a goodbye (on a replica that died since):
        // last seen ten seconds ago.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(api.RedisConnectionString);
        var lastSeen = fixture.WorkerClock.GetUtcNow().AddSeconds(-10).ToUnixTimeMilliseconds();
        await redis.GetDatabase().SetAddAsync(PresenceTracker.UserRoomsKey(silentUser), room.ToString("N"));
        await redis.GetDatabase().SortedSetAddAsync(PresenceTracker.SeenKey, silentUser.ToString("N"), lastSeen);

        await WorkerFactory.RunAgainAsync(fixture.WorkerClock, Interval, "heartbeat-expiry", fixture.Worker);
        var seen = await offline.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(lastSeen, seen.LastSeenAt.ToUnixTimeMilliseconds());
        Assert.Null(await redis.GetDatabase().SortedSetScoreAsync(PresenceTracker.SeenKey, silentUser.ToString("N")));
    }

    private static async Task<Guid> FirstRoomAsync(ApiFactory api)
    {
        using var client = api.CreateClient();
        var lounges = await client.GetFromJsonAsync<JsonElement>("/api/lounges", TestContext.Current.CancellationToken);
        return lounges[0].GetProperty("rooms")[0].GetProperty("id").GetGuid();
    }

    private static async Task<string> SignInAsync(ApiFactory api, string userName)
    {
        using var client = api.CreateClient();
        var credentials = new { userName, password = "Watcher-Password-1" };
        (await client.PostAsJsonAsync("/api/auth/register", credentials)).EnsureSuccessStatusCode();
        using var login = await client.PostAsJsonAsync("/api/auth/login", credentials);
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}
