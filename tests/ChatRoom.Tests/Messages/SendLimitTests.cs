using System.Net.Http.Headers;
using System.Text.Json;
using ChatRoom.Api.Rooms;
using ChatRoom.Tests.Realtime;
using Npgsql;

namespace ChatRoom.Tests.Messages;

public sealed class SendLimitTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task SendingTooFastIsRefusedWithHowLongToWait()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure, new Dictionary<string, string>
        {
            ["RateLimits:Messages:PerUser"] = "3",
            ["RateLimits:Messages:Window"] = "01:00:00",
        });
        using var client = await SignedInClientAsync(api, "speedy");
        var room = await FirstRoomAsync(client);

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, room, $"m{i}")).StatusCode);
        using var refused = await SendAsync(client, room, "one too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ErrorCodes.ChatRateLimited, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("retryAfter").GetInt32() > 0);
        Assert.Matches(@"too fast.* Try again in \d+ s\.$", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SendingTooFastOverTheHubSaysHowLongToWait()
    {
        await using var api = await ApiServer.StartAsync(infrastructure,
            ChatApi.Settings(("RateLimits:Messages:PerUser", "2"), ("RateLimits:Messages:Window", "01:00:00")));
        var room = (await ChatApi.RoomsAsync(api))[0];
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        await alice.SendAsync(room, "one");
        await alice.SendAsync(room, "two");

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => alice.SendAsync(room, "three"));

        Assert.Matches(@"too fast.* Try again in \d+ s\.$", refused.Detail(ErrorCodes.ChatRateLimited));
        Assert.True(refused.Error().RetryAfter > 0);
    }

    [Fact]
    public async Task ARetryOfAStoredMessageIsAnsweredWithItEvenOverTheLimit()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure, new Dictionary<string, string>
        {
            ["RateLimits:Messages:PerUser"] = "1",
            ["RateLimits:Messages:Window"] = "01:00:00",
        });
        using var client = await SignedInClientAsync(api, "retrier");
        var room = await FirstRoomAsync(client);
        var message = new { content = "only once", clientMessageId = "retry-me" };

        using var first = await client.PostAsJsonAsync($"/api/rooms/{room}/messages", message);
        using var retry = await client.PostAsJsonAsync($"/api/rooms/{room}/messages", message);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var original = await first.Content.ReadFromJsonAsync<JsonElement>();
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(original.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(original.GetProperty("seq").GetInt64(), again.GetProperty("seq").GetInt64());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(client, room, "a new one")).StatusCode);
    }

    [Fact]
    public async Task SlowModeAllowsOneMessagePerIntervalInThatRoomOnly()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure);
        using var client = await SignedInClientAsync(api, "patient");
        var rooms = await RoomsAsync(client);
        await using (var db = new NpgsqlConnection(api.DatabaseConnectionString))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE rooms SET slow_mode_seconds = 60 WHERE id = @id", db);
            command.Parameters.AddWithValue("id", rooms[0]);
            await command.ExecuteNonQueryAsync();
        }

        using var first = await SendAsync(client, rooms[0], "first");
        using var second = await SendAsync(client, rooms[0], "second");
        using var elsewhere = await SendAsync(client, rooms[1], "elsewhere");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("Slow mode", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Guid room, string text) =>
        client.PostAsJsonAsync($"/api/rooms/{room}/messages", new { content = text, clientMessageId = Guid.NewGuid().ToString() });

    private static async Task<Guid> FirstRoomAsync(HttpClient client) => (await RoomsAsync(client))[0];

    private static async Task<List<Guid>> RoomsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges"))!.Single().Rooms.Select(r => r.Id)];

    private static async Task<HttpClient> SignedInClientAsync(ApiFactory api, string userName)
    {
        var client = api.CreateClient();
        var credentials = new { userName, password = "Sender-Password-1" };
        (await client.PostAsJsonAsync("/api/auth/register", credentials)).EnsureSuccessStatusCode();
        using var login = await client.PostAsJsonAsync("/api/auth/login", credentials);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
