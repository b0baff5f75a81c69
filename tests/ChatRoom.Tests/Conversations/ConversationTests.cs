using ChatRoom.Api.Conversations;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Conversations;

/// <summary>
/// Direct messages through the real Api, PostgreSQL and Redis: a conversation is a room only its members read (admins
/// neither), one per pair of people, with every guarantee of a room; groups of up to ten; blocks; reports.
/// </summary>
public sealed class ConversationTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    [Fact]
    public async Task TwoMembersTalkPrivatelyAndNobodyElseReadsIt()
    {
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        await using var bob = await ChatApi.ConnectAsync(server.Api, "bob");

        var conversation = await StartAsync(alice.Session, HttpStatusCode.Created, bob.UserId);
        Assert.False(conversation.IsGroup);
        Assert.Equal([alice.UserId, bob.UserId], conversation.Members.Select(m => m.Id).Order());
        Assert.Equal(conversation.Id, (await StartAsync(alice.Session, HttpStatusCode.OK, bob.UserId)).Id);
        Assert.Equal(conversation.Id, (await StartAsync(bob.Session, HttpStatusCode.OK, alice.UserId)).Id);

        await alice.JoinAsync(conversation.Id);
        var sent = await alice.SendAsync(conversation.Id, "just between us");

        // Bob has not opened it: his connections hear of it all the same, and he catches up when he opens it.
        var activity = await bob.Activity.WaitForAsync(a => a.Message.Id == sent.Id);
        Assert.Equal((conversation.Id, "just between us"), (activity.ConversationId, activity.Message.Content));
        var joined = await bob.JoinAsync(conversation.Id);
        Assert.Equal("Conversation", joined.Room.Kind);
        Assert.Contains(joined.Messages, m => m.Id == sent.Id);
        var listed = await bob.Session.GetFromJsonAsync<List<ConversationResponse>>("/api/conversations");
        Assert.Equal(sent.Id, listed.Single(c => c.Id == conversation.Id).LastMessage!.Id);

        await using var carol = await ChatApi.ConnectAsync(server.Api, "carol");
        using (var history = await carol.Session.GetAsync($"/api/rooms/{conversation.Id}/messages"))
            await AuthApi.ReadProblemAsync(history, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
        (await Assert.ThrowsAsync<HubException>(() => carol.JoinAsync(conversation.Id))).Detail(ErrorCodes.RoomNotFound);
        using (var intruding = await carol.Session.PostMessageAsync(conversation.Id, "hi", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(intruding, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
        using (var asConversation = await carol.Session.GetAsync($"/api/conversations/{conversation.Id}"))
            await AuthApi.ReadProblemAsync(asConversation, HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        var admin = await server.AdminAsync();
        using (var byAdmin = await admin.GetAsync($"/api/rooms/{conversation.Id}/messages"))
            await AuthApi.ReadProblemAsync(byAdmin, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
        Assert.DoesNotContain(await carol.Session.GetFromJsonAsync<List<ConversationResponse>>("/api/conversations"), c => c.Id == conversation.Id);
    }

    [Fact]
    public async Task AGroupOfUpToTenTalksAndAMemberMayLeaveIt()
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        var group = await StartAsync(alice, HttpStatusCode.Created, bob.User.Id, carol.User.Id);
        Assert.True(group.IsGroup);
        Assert.NotEqual(group.Id, (await StartAsync(alice, HttpStatusCode.Created, bob.User.Id, carol.User.Id)).Id);

        using (var tooMany = await alice.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()) }))
            await AuthApi.ReadProblemAsync(tooMany, HttpStatusCode.BadRequest);
        using (var withSelf = await alice.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = new[] { alice.User.Id } }))
            await AuthApi.ReadProblemAsync(withSelf, HttpStatusCode.BadRequest, ErrorCodes.ConversationMembersInvalid);
        using (var nobody = await alice.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = new[] { Guid.NewGuid() } }))
            await AuthApi.ReadProblemAsync(nobody, HttpStatusCode.NotFound, ErrorCodes.ConversationMembersInvalid);

        await carol.SendOverRestAsync(group.Id, "hello group");
        using (var left = await carol.SendAsync(HttpMethod.Delete, $"/api/conversations/{group.Id}/members/me"))
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);

        using (var afterLeaving = await carol.GetAsync($"/api/rooms/{group.Id}/messages"))
            await AuthApi.ReadProblemAsync(afterLeaving, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
        var history = await bob.FullHistoryAsync(group.Id);
        Assert.Equal("hello group", Assert.Single(history).Content);
        Assert.Equal([alice.User.Id, bob.User.Id], (await bob.GetFromJsonAsync<ConversationResponse>($"/api/conversations/{group.Id}")).Members.Select(m => m.Id).Order());
        var pair = await StartAsync(alice, HttpStatusCode.Created, carol.User.Id);
        using var leavePair = await alice.SendAsync(HttpMethod.Delete, $"/api/conversations/{pair.Id}/members/me");
        await AuthApi.ReadProblemAsync(leavePair, HttpStatusCode.Conflict, ErrorCodes.ConversationDirectCannotLeave);
    }

    [Fact]
    public async Task ABlockStopsDirectMessagesBothWaysWithoutSayingWhoBlocked()
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var conversation = await StartAsync(alice, HttpStatusCode.Created, bob.User.Id);
        await alice.SendOverRestAsync(conversation.Id, "hey");

        using (var blocked = await bob.SendAsync(HttpMethod.Put, $"/api/me/blocks/{alice.User.Id}"))
            Assert.Equal(alice.User.Id, (await blocked.Content.ReadFromJsonAsync<BlockResponse>(AuthApi.Ct))!.User.Id);

        using (var fromAlice = await alice.PostMessageAsync(conversation.Id, "hey?", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(fromAlice, HttpStatusCode.Forbidden, ErrorCodes.ConversationBlocked);
        using (var fromBob = await bob.PostMessageAsync(conversation.Id, "go away", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(fromBob, HttpStatusCode.Forbidden, ErrorCodes.ConversationBlocked);
        using (var anew = await alice.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = new[] { bob.User.Id } }))
            await AuthApi.ReadProblemAsync(anew, HttpStatusCode.Forbidden, ErrorCodes.ConversationBlocked);
        Assert.Equal([alice.User.Id], (await bob.GetFromJsonAsync<List<BlockResponse>>("/api/me/blocks")).Select(b => b.User.Id));
        Assert.Empty(await alice.GetFromJsonAsync<List<BlockResponse>>("/api/me/blocks"));
        using (var self = await bob.SendAsync(HttpMethod.Put, $"/api/me/blocks/{bob.User.Id}"))
            await AuthApi.ReadProblemAsync(self, HttpStatusCode.BadRequest, ErrorCodes.BlockSelf);

        using (var lifted = await bob.SendAsync(HttpMethod.Delete, $"/api/me/blocks/{alice.User.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        await alice.SendOverRestAsync(conversation.Id, "friends again?");
        Assert.Empty(await bob.GetFromJsonAsync<List<BlockResponse>>("/api/me/blocks"));
    }

    [Fact]
    public async Task GuestsHaveNoDirectMessages()
    {
        var guest = await server.Api.NewHttpClient().GuestAsync();
        var member = await ChatApi.SignInAsync(server.Api, "alice");

        using (var byGuest = await guest.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = new[] { member.User.Id } }))
            await AuthApi.ReadProblemAsync(byGuest, HttpStatusCode.Forbidden, ErrorCodes.ConversationGuest);
        using (var toGuest = await member.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = new[] { guest.User.Id } }))
            await AuthApi.ReadProblemAsync(toGuest, HttpStatusCode.Forbidden, ErrorCodes.ConversationGuest);
    }

    [Fact]
    public async Task OnlyAMemberReportsADirectMessageAndTheAuditLogKeepsNoneOfItsWords()
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        var conversation = await StartAsync(alice, HttpStatusCode.Created, bob.User.Id);
        var message = await alice.SendOverRestAsync(conversation.Id, "a secret offer");

        using (var byOutsider = await carol.SendAsync(HttpMethod.Post, "/api/reports", new { messageId = message.Id, reason = "guessing ids" }))
            await AuthApi.ReadProblemAsync(byOutsider, HttpStatusCode.NotFound, ErrorCodes.MessageNotFound);
        using (var byMember = await bob.SendAsync(HttpMethod.Post, "/api/reports", new { messageId = message.Id, reason = "scam" }))
            Assert.Equal(HttpStatusCode.Created, byMember.StatusCode);
        using (var edited = await alice.EditAsync(message.Id, "a secret offer, edited"))
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var admin = await server.AdminAsync();
        using var audit = await admin.GetAsync($"/api/admin/audit?entityId={message.Id}");
        var text = await audit.Content.ReadAsStringAsync(AuthApi.Ct);
        Assert.Contains("message.edit", text);
        Assert.DoesNotContain("secret", text);
    }

    private static async Task<ConversationResponse> StartAsync(Session session, HttpStatusCode expected, params Guid[] others)
    {
        using var response = await session.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = others });
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConversationResponse>(AuthApi.Ct))!;
    }
}
