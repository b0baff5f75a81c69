namespace ChatRoom.Tests.Realtime;

/// <summary>
/// Two replicas of one installation, as behind a load balancer, shared by the tests of one class: the fixture's
/// server and <see cref="Replica"/>, over the same database, the same Redis and the same backplane.
/// </summary>
public class ReplicatedChatServerFixture(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
{
    public ApiServer Replica { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Replica = Api.StartReplica();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Replica is not null)
            await Replica.DisposeAsync();
        await base.DisposeAsync();
    }
}
