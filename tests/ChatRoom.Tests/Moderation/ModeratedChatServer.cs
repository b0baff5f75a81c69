namespace ChatRoom.Tests.Moderation;

/// <summary>
/// The Api on Kestrel with a Worker of the same installation, both shared by the tests of one class: every new
/// message passes the moderation queue as in production. Tests take rooms of their own (<see cref="ChatServerFixture.NewRoomAsync"/>).
/// </summary>
public class ModeratedChatServer(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
{
    public WorkerFactory Worker { get; private set; } = null!;

    /// <summary>Settings of this kind of Worker, over those of <see cref="ModerationKit.StartWorker(ApiFactory, (string Key, string Value)[])"/>.</summary>
    protected virtual (string Key, string Value)[] WorkerSettings => [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Worker = ModerationKit.StartWorker(Api, WorkerSettings);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Worker is not null)
            await Worker.DisposeAsync();
        await base.DisposeAsync();
    }
}
