using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Moderation;
using ChatRoom.Data.Entities;
using ChatRoom.Tests.Realtime;
using Npgsql;

namespace ChatRoom.Tests.Moderation;

/// <summary>
/// The moderators' side over REST, with a Worker judging messages: the review queue of a pre-moderated room,
/// timed mutes ending, and the refusal of everyone else.
/// </summary>
public sealed class ReviewQueueTests(ModeratedChatServer server) : IClassFixture<ModeratedChatServer>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Session _moderator = null!;

    public async ValueTask InitializeAsync() => _moderator = await ModerationApi.ModeratorAsync(_api, await server.AdminAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AModeratorSeesWhyAMessageWasHeldApprovesItAndTheRoomSeesIt()
    {
        var room = await server.NewRoomAsync(ModerationMode.PreModerated);
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(room);
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var held = await alice.SendOverRestAsync(room, $"what a {ModerationKit.FilteredWord} day");
        var clean = await alice.SendOverRestAsync(room, "lovely weather");
        await _api.WaitUntilJudgedAsync(held.Id, clean.Id);

        var queue = await _moderator.GetFromJsonAsync<Page<PendingMessageResponse>>($"/api/admin/moderation/queue?roomId={room}");
        Assert.Equal([held.Id, clean.Id], queue.Items.Select(p => p.Message.Id));
        Assert.Contains(ModerationKit.FilteredWord, queue.Items[0].ModerationNote, StringComparison.Ordinal);
        Assert.Null(queue.Items[1].ModerationNote);
        Assert.DoesNotContain((await bob.Session.FullHistoryAsync(room)), m => m.Id == held.Id || m.Id == clean.Id);

        using (var approve = await _moderator.SendAsync(HttpMethod.Post, $"/api/admin/moderation/messages/{clean.Id}/approve"))
            Assert.Equal("Approved", (await approve.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!.Status);
        Assert.Equal("lovely weather", (await bob.Created.WaitForAsync(m => m.Id == clean.Id)).Content);
        using (var reject = await _moderator.SendAsync(HttpMethod.Post, $"/api/admin/moderation/messages/{held.Id}/reject", new { reason = "language" }))
            Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        using (var again = await _moderator.SendAsync(HttpMethod.Post, $"/api/admin/moderation/messages/{held.Id}/approve"))
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.Conflict);

        Assert.Equal([clean.Id], (await bob.Session.FullHistoryAsync(room)).Select(m => m.Id));
        Assert.Empty((await _moderator.GetFromJsonAsync<Page<PendingMessageResponse>>($"/api/admin/moderation/queue?roomId={room}")).Items);
        Assert.DoesNotContain(bob.Created.Items, m => m.Id == held.Id);
    }

    [Fact]
    public async Task WhenAMutesTimeIsUpTheUserIsToldAndSendsAgain()
    {
        var room = await server.NewRoomAsync();
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        var mute = await _moderator.ActOkAsync(new { kind = "Mute", userId = bob.UserId, durationMinutes = 1 });
        using (var refused = await bob.Session.PostMessageAsync(room, "hello?", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden);

        // A minute passes: the mute's end is moved into the past rather than waited for.
        await using (var connection = new NpgsqlConnection(_api.DatabaseConnectionString))
        {
            await connection.OpenAsync(AuthApi.Ct);
            await using var command = new NpgsqlCommand("UPDATE moderation_actions SET expires_at = now() - interval '1 second' WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", mute.Id);
            await command.ExecuteNonQueryAsync(AuthApi.Ct);
        }

        var over = await bob.Notices.WaitForAsync(n => n.Kind == "Unmute");
        Assert.Contains("expired", over.Reason, StringComparison.Ordinal);
        await bob.Session.SendOverRestAsync(room, "I can talk again");
        await bob.SendAsync(room, "and over the hub");
    }

    [Fact]
    public async Task EveryModerationEndpointRefusesUsersAndGuests()
    {
        var user = await ChatApi.SignInAsync(_api, "plain");
        var guest = await _api.NewHttpClient().GuestAsync();
        var someone = Guid.NewGuid();
        var endpoints = new[]
        {
            (HttpMethod.Post, "/api/admin/moderation/actions"),
            (HttpMethod.Get, "/api/admin/moderation/actions"),
            (HttpMethod.Get, "/api/admin/moderation/queue"),
            (HttpMethod.Post, $"/api/admin/moderation/messages/{someone}/approve"),
            (HttpMethod.Post, $"/api/admin/moderation/messages/{someone}/reject"),
            (HttpMethod.Get, "/api/admin/reports"),
            (HttpMethod.Post, $"/api/admin/reports/{someone}/resolve"),
            (HttpMethod.Post, $"/api/admin/reports/{someone}/dismiss"),
        };
        foreach (var session in new[] { user, guest })
        {
            foreach (var (method, path) in endpoints)
            {
                using var refused = await session.SendAsync(method, path, new { kind = "Ban", userId = _moderator.User.Id });
                Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)refused.StatusCode} to a {session.User.Role}.");
            }
        }
        foreach (var (method, path) in endpoints)
        {
            using var anonymous = await _api.NewHttpClient().SendJsonAsync(method, path, new { });
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        // None of the refused calls did anything to the moderator.
        Assert.Empty((await _moderator.GetFromJsonAsync<Page<ModerationActionResponse>>($"/api/admin/moderation/actions?userId={_moderator.User.Id}")).Items);
    }
}
