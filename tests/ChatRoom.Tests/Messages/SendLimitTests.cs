using System.Globalization;
using System.Text.Json;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Messages;

/// <summary>
/// Each user may send a few messages an hour here, over REST and the hub alike, and a room in slow mode allows one
/// per interval. Every test signs in users and takes rooms of its own.
/// </summary>
public sealed class SendLimitTests(SendLimitTests.LimitedServer server) : IClassFixture<SendLimitTests.LimitedServer>
{
    private const int PerUser = 3;
    private readonly ApiServer _api = server.Api;

    public sealed class LimitedServer(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings =>
            [("RateLimits:Messages:PerUser", PerUser.ToString(CultureInfo.InvariantCulture)), ("RateLimits:Messages:Window", "01:00:00")];
    }

    [Fact]
    public async Task SendingTooFastIsRefusedWithHowLongToWait()
    {
        var speedy = await ChatApi.SignInAsync(_api, "speedy");
        var room = await server.NewRoomAsync();

        for (var i = 0; i < PerUser; i++)
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(speedy, room, $"m{i}")).StatusCode);
        using var refused = await SendAsync(speedy, room, "one too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(AuthApi.Ct);
        Assert.Equal(ErrorCodes.ChatRateLimited, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("retryAfter").GetInt32() > 0);
        Assert.Matches(@"too fast.* Try again in \d+ s\.$", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SendingTooFastOverTheHubSaysHowLongToWait()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        for (var i = 0; i < PerUser; i++)
            await alice.SendAsync(room, $"m{i}");

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => alice.SendAsync(room, "one too many"));

        Assert.Matches(@"too fast.* Try again in \d+ s\.$", refused.Detail(ErrorCodes.ChatRateLimited));
        Assert.True(refused.Error().RetryAfter > 0);
    }

    [Fact]
    public async Task ARetryOfAStoredMessageIsAnsweredWithItEvenOverTheLimit()
    {
        var retrier = await ChatApi.SignInAsync(_api, "retrier");
        var room = await server.NewRoomAsync();
        for (var i = 1; i < PerUser; i++)
            await retrier.SendOverRestAsync(room, $"m{i}");

        // The last message the limit allows, and its retry, one more than the limit.
        using var first = await retrier.PostMessageAsync(room, "only once", "retry-me");
        using var retry = await retrier.PostMessageAsync(room, "only once", "retry-me");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var original = await first.Content.ReadFromJsonAsync<JsonElement>(AuthApi.Ct);
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>(AuthApi.Ct);
        Assert.Equal(original.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(original.GetProperty("seq").GetInt64(), again.GetProperty("seq").GetInt64());
        using var next = await SendAsync(retrier, room, "a new one");
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
    }

    [Fact]
    public async Task SlowModeAllowsOneMessagePerIntervalInThatRoomOnly()
    {
        var patient = await ChatApi.SignInAsync(_api, "patient");
        var slow = await server.NewRoomAsync(slowModeSeconds: 60);
        var other = await server.NewRoomAsync();

        using var first = await SendAsync(patient, slow, "first");
        using var second = await SendAsync(patient, slow, "second");
        using var elsewhere = await SendAsync(patient, other, "elsewhere");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("Slow mode", (await second.Content.ReadFromJsonAsync<JsonElement>(AuthApi.Ct)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(Session session, Guid room, string text) =>
        session.PostMessageAsync(room, text, Guid.NewGuid().ToString());
}
