using Microsoft.Extensions.Time.Testing;

namespace ChatRoom.Tests.Worker;

/// <summary>
/// A Worker shared by the tests of one class, over a database and a Redis database of its own, on a fake clock
/// that the tests move on to make its jobs run again (<see cref="WorkerFactory.RunAgainAsync"/>). Tests of a class
/// share the Worker, so each one seeds rows of its own and looks only at those.
/// </summary>
public class WorkerFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    /// <summary>The Workers' clock; it starts at the real time, so what the tests seed from it looks current.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string DatabaseConnectionString { get; private set; } = "";

    public string RedisConnectionString { get; private set; } = "";

    public WorkerFactory Worker { get; private set; } = null!;

    /// <summary>Settings of this kind of Worker.</summary>
    protected virtual (string Key, string Value)[] Settings => [];

    public virtual async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await infrastructure.CreateDatabaseAsync();
        RedisConnectionString = infrastructure.CreateRedisConnectionString();
        Worker = StartWorker();
    }

    /// <summary>Another started Worker of the same installation, on the same clock; the caller stops it.</summary>
    public WorkerFactory StartWorker() =>
        new WorkerFactory(DatabaseConnectionString, RedisConnectionString, Settings.ToDictionary(), Clock).Start();

    public virtual async ValueTask DisposeAsync()
    {
        if (Worker is not null)
            await Worker.DisposeAsync();
    }
}
