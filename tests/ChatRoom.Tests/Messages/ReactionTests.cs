using System.Globalization;
using ChatRoom.Api.Conversations;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Messages;

/// <summary>Emoji reactions through the real Api: live for the room, once per person and emoji, caught up like an edit.</summary>
public sealed class ReactionTests(ReactionTests.Server server) : IClassFixture<ReactionTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        public const int PerUser = 8;

        // A window longer than any test, so the limit's test never straddles two windows.
        protected override (string Key, string Value)[] Settings =>
            [("RateLimits:Reactions:PerUser", PerUser.ToString(CultureInfo.InvariantCulture)), ("RateLimits:Reactions:Window", "01:00:00")];
    }

    [Fact]
    public async Task AReactionReachesTheRoomAtOnceAndCountsOncePerPersonAndEmoji()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        await using var bob = await ChatApi.ConnectAsync(server.Api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var said = await alice.SendAsync(room, "lunch at noon?");

        var first = await ReactAsync(bob.Session, said.Id, "👍");
        Assert.Equal([("👍", 1)], first.Reactions!.Select(r => (r.Emoji, r.Count)));
        Assert.Equal([bob.UserId], first.Reactions![0].UserIds);
        var seen = await alice.Updated.WaitForAsync(m => m.Id == said.Id && m.Reactions is { Count: > 0 });
        Assert.Equal(first.ChangeSeq, seen.ChangeSeq);

        Assert.Equal(first.ChangeSeq, (await ReactAsync(bob.Session, said.Id, "👍")).ChangeSeq);
        await ReactAsync(alice.Session, said.Id, "👍");
        var both = await ReactAsync(alice.Session, said.Id, "🎉");
        Assert.Equal([("👍", 2), ("🎉", 1)], both.Reactions!.Select(r => (r.Emoji, r.Count)));
        Assert.Equal([bob.UserId, alice.UserId], both.Reactions![0].UserIds);

        using var takenBack = await bob.Session.SendAsync(HttpMethod.Delete, PathOf(said.Id, "👍"));
        var after = (await takenBack.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
        Assert.Equal([("👍", 1), ("🎉", 1)], after.Reactions!.Select(r => (r.Emoji, r.Count)));
        Assert.Equal([alice.UserId], after.Reactions![0].UserIds);
    }

    [Fact]
    public async Task AClientThatMissedAReactionCatchesItUpByChangeSequence()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        await alice.JoinAsync(room);
        var said = await alice.SendAsync(room, "vote with emoji");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");

        await ReactAsync(bob, said.Id, "🔥");

        var caughtUp = await alice.CatchUpAsync(room, said.ChangeSeq);
        var message = Assert.Single(caughtUp.Messages);
        Assert.Equal("🔥", Assert.Single(message.Reactions!).Emoji);
        Assert.Equal("🔥", Assert.Single((await bob.FullHistoryAsync(room)).Single(m => m.Id == said.Id).Reactions!).Emoji);
    }

    [Fact]
    public async Task OnlyTheOfferedEmojiOnlyWhereOneMayWriteAndNotTooFast()
    {
        var room = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var said = await alice.SendOverRestAsync(room, "react to me");

        Assert.Contains((await server.Api.NewHttpClient().GetFromJsonAsync<List<ReactionEmoji>>("/api/reactions", AuthApi.Ct))!, r => r.Emoji == "👍");
        foreach (var unknown in (string[])["🦄", "x", "👍👍"])
        {
            using var refused = await bob.SendAsync(HttpMethod.Put, PathOf(said.Id, unknown));
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.ReactionUnknown);
        }
        using (var nothing = await bob.SendAsync(HttpMethod.Put, PathOf(Guid.NewGuid(), "👍")))
            await AuthApi.ReadProblemAsync(nothing, HttpStatusCode.NotFound, ErrorCodes.MessageNotFound);

        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        using (var started = await alice.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = new[] { bob.User.Id } }))
        {
            var conversation = (await started.Content.ReadFromJsonAsync<ConversationResponse>(AuthApi.Ct))!;
            var secret = await alice.SendOverRestAsync(conversation.Id, "between us");
            using var outsider = await carol.SendAsync(HttpMethod.Put, PathOf(secret.Id, "👀"));
            await AuthApi.ReadProblemAsync(outsider, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
        }

        // A refused reaction (the outsider's above) is not counted; each of these is.
        var answers = new List<HttpStatusCode>();
        foreach (var emoji in Reactions.Allowed.Select(r => r.Emoji).Take(Server.PerUser + 1))
        {
            using var response = await carol.SendAsync(HttpMethod.Put, PathOf(said.Id, emoji));
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                await AuthApi.ReadProblemAsync(response, HttpStatusCode.TooManyRequests, ErrorCodes.ReactionRateLimited);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Server.PerUser), HttpStatusCode.TooManyRequests], answers);
    }

    private static string PathOf(Guid messageId, string emoji) => $"/api/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}";

    private static async Task<MessageDto> ReactAsync(Session session, Guid messageId, string emoji)
    {
        using var response = await session.SendAsync(HttpMethod.Put, PathOf(messageId, emoji));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
    }
}
