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

        var (sender, _, received) = await ChatUser.ConverseAsync(first, second, "hello from the other replica");

        Assert.Equal("hello from the other replica", received.Content);
        Assert.Equal(sender, received.Author.UserName);
    }
}
