using ChatRoom.Api.Conversations;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Conversations;

/// <summary>Read markers kept by the server: unread counts the same on every device of a user, moved on all of them at once.</summary>
public sealed class ReadMarkerTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    [Fact]
    public async Task UnreadCountsFollowTheMarkerOnEveryDeviceAndOnlyMoveForward()
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        await using var bobsPhone = await ChatClient.ConnectAsync(server.Api, await server.Api.NewHttpClient().LoginAsync(bob.User.UserName));
        var conversation = await alice.StartConversationAsync(bob.User.Id);
        foreach (var text in (string[])["one", "two", "three"])
            await alice.SendOverRestAsync(conversation, text);

        Assert.Equal(3, (await UnreadAsync(bob, conversation)).Unread);
        Assert.Equal(0, (await UnreadAsync(alice, conversation)).Unread);

        var marked = await MarkAsync(bob, conversation, 2);
        Assert.Equal((2L, 1), (marked.LastReadSeq, marked.Unread));
        var onPhone = await bobsPhone.Read.WaitForAsync(r => r.RoomId == conversation);
        Assert.Equal((2L, 1), (onPhone.LastReadSeq, onPhone.Unread));
        Assert.Equal(1, (await UnreadAsync(bob, conversation)).Unread);

        Assert.Equal(2L, (await MarkAsync(bob, conversation, 1)).LastReadSeq);
        Assert.Equal((3L, 0), ((await MarkAsync(bob, conversation, 999)).LastReadSeq, (await UnreadAsync(bob, conversation)).Unread));
    }

    [Fact]
    public async Task ARoomCountsOnceReadInAndNeverCountsDeletedMessages()
    {
        var room = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        Assert.DoesNotContain(await bob.GetFromJsonAsync<List<RoomUnread>>("/api/me/unread"), u => u.RoomId == room);

        await MarkAsync(bob, room, 0);
        var kept = await alice.SendOverRestAsync(room, "kept");
        var deleted = await alice.SendOverRestAsync(room, "deleted soon");
        using (var gone = await alice.DeleteAsync(deleted.Id))
            Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);

        Assert.Equal(1, (await UnreadAsync(bob, room)).Unread);
        Assert.Equal(0, (await MarkAsync(bob, room, kept.Seq)).Unread);
    }

    [Fact]
    public async Task OnlyAReaderOfTheRoomMarksItAndOnlyWithASeq()
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        var conversation = await alice.StartConversationAsync(bob.User.Id);

        using (var outsider = await carol.SendAsync(HttpMethod.Put, $"/api/rooms/{conversation}/read", new { seq = 1 }))
            await AuthApi.ReadProblemAsync(outsider, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
        using (var negative = await bob.SendAsync(HttpMethod.Put, $"/api/rooms/{conversation}/read", new { seq = -1 }))
            await AuthApi.ReadProblemAsync(negative, HttpStatusCode.BadRequest);
        using (var missing = await bob.SendAsync(HttpMethod.Put, $"/api/rooms/{conversation}/read", new { }))
            await AuthApi.ReadProblemAsync(missing, HttpStatusCode.BadRequest);
        Assert.DoesNotContain(await carol.GetFromJsonAsync<List<RoomUnread>>("/api/me/unread"), u => u.RoomId == conversation);
    }

    private static async Task<RoomUnread> UnreadAsync(Session session, Guid roomId) =>
        (await session.GetFromJsonAsync<List<RoomUnread>>("/api/me/unread")).Single(u => u.RoomId == roomId);

    private static async Task<RoomUnread> MarkAsync(Session session, Guid roomId, long seq)
    {
        using var response = await session.SendAsync(HttpMethod.Put, $"/api/rooms/{roomId}/read", new { seq });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RoomUnread>(AuthApi.Ct))!;
    }
}
