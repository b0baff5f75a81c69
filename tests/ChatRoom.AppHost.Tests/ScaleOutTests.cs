namespace ChatRoom.AppHost.Tests;

[Collection(ChatRoomApp.Name)]
public sealed class ScaleOutTests(ChatRoomAppFixture chatRoom)
{
    [Fact]
    public async Task AMessageSentThroughOneReplicaReachesAMemberOnTheOther()
    {
        var replicas = await Replicas.OfAsync(chatRoom.App, "api", expected: 2);
        var first = Replicas.DirectAddress(replicas[0]);
        var second = Replicas.DirectAddress(replicas[1]);
        Assert.NotEqual(first, second);

        await using var alice = await ChatUser.SignUpAsync(first, "alice");
        await using var bob = await ChatUser.SignUpAsync(second, "bob");
        var room = await alice.EnglishRoomAsync();
        await bob.JoinAsync(room);
        await alice.JoinAsync(room);

        await alice.SendAsync(room, "hello from the other replica");

        var received = await bob.NextMessageAsync();
        Assert.Equal("hello from the other replica", received.Content);
        Assert.Equal(alice.UserName, received.Author.UserName);
    }
}
