namespace ChatRoom.Tests.Realtime;

/// <summary>
/// Room heads (the latest change of a room, announced by each replica to its connections) exist for one case: a
/// room's last events were lost, and no later event shows the client the hole. A replica announces only changes it
/// did not broadcast itself, so a busy room costs no announcements where its messages go out from the same replica.
/// </summary>
public sealed class RoomHeadTests(RoomHeadTests.Servers servers) : IClassFixture<RoomHeadTests.Servers>, IAsyncLifetime
{
    private static readonly TimeSpan HeadInterval = TimeSpan.FromMilliseconds(100);
    private Guid _room;

    public sealed class Servers(TestInfrastructure infrastructure) : ReplicatedChatServerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => [("Realtime:RoomHeadInterval", HeadInterval.ToString())];
    }

    public async ValueTask InitializeAsync() => _room = await servers.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ChangesAReplicaBroadcastItselfAreNotAnnouncedAgainToItsConnections()
    {
        await using var alice = await ChatApi.ConnectAsync(servers.Api, "alice");
        await using var bob = await ChatApi.ConnectAsync(servers.Api, "bob");
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);

        SendAck last = null!;
        for (var i = 0; i < 3; i++)
            last = await alice.SendAsync(_room, $"message {i}");
        await bob.Created.WaitForAsync(m => m.Id == last.Id);
        // Ten rounds of announcements.
        await Task.Delay(HeadInterval * 10, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(bob.Heads.Items, head => head.RoomId == _room && head.ChangeSeq > 0);
    }

    [Fact]
    public async Task AChangeBroadcastFromAnotherReplicaIsAnnouncedByTheReplicaOfTheConnection()
    {
        await using var alice = await ChatApi.ConnectAsync(servers.Api, "alice");
        await using var bob = await ChatClient.ConnectAsync(servers.Replica, await ChatApi.SignInAsync(servers.Replica, "bob"));
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);

        var sent = await alice.SendAsync(_room, "from replica one");

        await bob.Heads.WaitForAsync(head => head.RoomId == _room && head.ChangeSeq == sent.ChangeSeq);
    }
}
