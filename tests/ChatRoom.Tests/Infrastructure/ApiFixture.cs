namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// One Api (a database and a Redis database of its own) shared by the tests of one class, with auth rate
/// limits high enough that only the classes testing limits ever meet them. Tests of a class run one after
/// another and use names of their own, so they do not see each other's accounts.
/// </summary>
public class ApiFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public ApiFactory Api { get; private set; } = null!;

    protected TestInfrastructure Infrastructure => infrastructure;

    protected virtual (string Key, string Value)[] Settings => [];

    /// <summary>The clock the Api tells time by: the system's, unless a fixture gives it a fake one to move.</summary>
    protected virtual TimeProvider? Clock => null;

    public virtual async ValueTask InitializeAsync() => Api = await AuthApi.CreateApiAsync(infrastructure, Clock, Settings);

    public virtual async ValueTask DisposeAsync()
    {
        if (Api is not null)
            await Api.DisposeAsync();
    }
}
