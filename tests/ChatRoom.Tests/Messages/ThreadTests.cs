using ChatRoom.Api.Messages;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Messages;

/// <summary>
/// Replies and threads through the real Api, PostgreSQL and Redis: a reply quotes its original as it is now, the
/// original counts its visible replies live and in catch-up, and the author of the original hears of the answer.
/// </summary>
public sealed class ThreadTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    [Fact]
    public async Task AReplyQuotesItsOriginalAndTheOriginalCountsItsRepliesLive()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        await using var bob = await ChatApi.ConnectAsync(server.Api, "bob");
        await alice.JoinAsync(room);
        await bob.JoinAsync(room);
        var original = await alice.SendAsync(room, "Who is coming to the meetup on Friday?");

        var reply = await bob.ReplyAsync(room, original.Id, "Count me in!");

        var seen = await alice.Created.WaitForAsync(m => m.Id == reply.Id);
        Assert.Equal((original.Id, original.Seq, alice.UserId, "Who is coming to the meetup on Friday?", false),
            (seen.ReplyTo!.MessageId, seen.ReplyTo.Seq, seen.ReplyTo.Author.Id, seen.ReplyTo.Excerpt, seen.ReplyTo.Deleted));
        var counted = await bob.Updated.WaitForAsync(m => m.Id == original.Id && m.ReplyCount == 1);
        Assert.True(counted.ChangeSeq > reply.ChangeSeq);
        var notified = await alice.Notifications.WaitForAsync(n => n.Message?.Id == reply.Id);
        Assert.Equal("Reply", notified.Kind);

        await bob.Session.SendOverRestAsync(room, "unrelated");
        using (var second = await alice.Session.PostReplyAsync(room, original.Id, "I'll bring snacks."))
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var thread = await bob.Session.ThreadAsync(original.Id);
        Assert.Equal(2, thread.Original.ReplyCount);
        Assert.Equal(["Count me in!", "I'll bring snacks."], thread.Replies.Select(r => r.Content));
        Assert.All(thread.Replies, r => Assert.Equal(original.Id, r.ReplyTo!.MessageId));
        var history = await alice.Session.FullHistoryAsync(room);
        Assert.Equal(2, history.Single(m => m.Id == original.Id).ReplyCount);
        Assert.Null(history.Single(m => m.Content == "unrelated").ReplyTo);
    }

    [Fact]
    public async Task TheQuoteFollowsTheOriginalAndTheCountFollowsDeletedReplies()
    {
        var room = await server.NewRoomAsync();
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        await alice.JoinAsync(room);
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var original = await alice.Session.SendOverRestAsync(room, "The train leaves at 9.");
        using (await bob.PostReplyAsync(room, original.Id, "Thanks!"))
        {
        }
        var mistake = await ReplyAsync(bob, room, original.Id, "Which platform?");

        using (var deleted = await bob.DeleteAsync(mistake.Id))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await alice.Updated.WaitForAsync(m => m.Id == original.Id && m.ReplyCount == 1);
        Assert.Equal(["Thanks!"], (await bob.ThreadAsync(original.Id)).Replies.Select(r => r.Content));

        using (var edited = await alice.Session.EditAsync(original.Id, "The train leaves at 10."))
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("The train leaves at 10.", (await bob.ThreadAsync(original.Id)).Replies[0].ReplyTo!.Excerpt);

        using (var deleted = await alice.Session.DeleteAsync(original.Id))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        // The words taken down are gone from every quote; the thread still reads in its place.
        var reply = (await bob.FullHistoryAsync(room)).Single(m => m.Content == "Thanks!");
        Assert.Equal(("", true), (reply.ReplyTo!.Excerpt, reply.ReplyTo.Deleted));
        var thread = await bob.ThreadAsync(original.Id);
        Assert.True(thread.Original.Deleted);
        Assert.Equal("", thread.Original.Content);
        Assert.Equal(["Thanks!"], thread.Replies.Select(r => r.Content));
    }

    [Fact]
    public async Task AReplyMustAnswerAVisibleMessageOfTheSameRoomAndItsRetryIsTheSameMessage()
    {
        var room = await server.NewRoomAsync();
        var other = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var elsewhere = await alice.SendOverRestAsync(other, "in the other room");
        var original = await alice.SendOverRestAsync(room, "a long one " + new string('x', 300));

        foreach (var target in new[] { elsewhere.Id, Guid.NewGuid() })
        {
            using var refused = await alice.PostReplyAsync(room, target, "answer");
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.MessageReplyTargetInvalid);
        }
        await using var bob = await ChatApi.ConnectAsync(server.Api, "bob");
        await bob.JoinAsync(room);
        var clientId = Guid.NewGuid().ToString();
        var sent = await bob.ReplyAsync(room, original.Id, "answer", clientId);
        var stored = (await bob.Session.FullHistoryAsync(room)).Single(m => m.Id == sent.Id);
        Assert.Equal(ReplyPreview.MaxExcerptLength, stored.ReplyTo!.Excerpt.Length);

        using (await alice.DeleteAsync(original.Id))
        {
        }
        // The original is gone now, but this send was accepted before: its retry answers the same message.
        Assert.Equal(sent.Id, (await bob.ReplyAsync(room, original.Id, "answer", clientId)).Id);
        var late = await Assert.ThrowsAsync<HubException>(() => bob.ReplyAsync(room, original.Id, "too late"));
        late.Detail(ErrorCodes.MessageReplyTargetInvalid);
    }

    [Fact]
    public async Task AClientThatMissedAReplyCatchesUpTheNewCountAndOutsidersSeeNoThread()
    {
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var conversation = await alice.Session.StartConversationAsync(bob.User.Id);
        await alice.JoinAsync(conversation);
        var original = await alice.SendAsync(conversation, "dinner tonight?");
        await alice.StopAsync();

        using (var reply = await bob.PostReplyAsync(conversation, original.Id, "yes, 8pm"))
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);

        var caughtUp = await bob.HistoryAsync(conversation, $"?changedAfter={original.ChangeSeq}");
        Assert.Equal(1, caughtUp.Messages.Single(m => m.Id == original.Id).ReplyCount);
        Assert.Equal(original.Id, caughtUp.Messages.Single(m => m.Content == "yes, 8pm").ReplyTo!.MessageId);

        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        using (var outsider = await carol.GetAsync($"/api/messages/{original.Id}/thread"))
            await AuthApi.ReadProblemAsync(outsider, HttpStatusCode.NotFound, ErrorCodes.MessageNotFound);
        using (var badLimit = await bob.GetAsync($"/api/messages/{original.Id}/thread?limit=0"))
            await AuthApi.ReadProblemAsync(badLimit, HttpStatusCode.BadRequest);
    }

    private static async Task<MessageDto> ReplyAsync(Session session, Guid room, Guid original, string content)
    {
        using var response = await session.PostReplyAsync(room, original, content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
    }
}
