namespace ChatRoom.Tests.Foundation;

/// <summary>A service without one of its connection strings stops at start and says which setting is missing.</summary>
public sealed class ConnectionStringTests(TestInfrastructure infrastructure)
{
    [Theory]
    [InlineData("chatdb")]
    [InlineData("redis")]
    public async Task ApiDoesNotStartWithoutAConnectionStringAndNamesIt(string name)
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure, Without(name));

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains($"ConnectionStrings:{name}", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chatdb")]
    [InlineData("redis")]
    public async Task WorkerDoesNotStartWithoutAConnectionStringAndNamesIt(string name)
    {
        await using var worker = new WorkerFactory(
            await infrastructure.CreateDatabaseAsync(), infrastructure.CreateRedisConnectionString(), Without(name));

        var error = Assert.ThrowsAny<Exception>(() => worker.CreateClient());

        Assert.Contains($"ConnectionStrings:{name}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrationServiceFailsWithoutTheDatabaseConnectionStringAndNamesIt()
    {
        var (exitCode, output) = await MigrationServiceProcess.TryRunAsync("", "admin", "Admin-Password-1");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:chatdb", output, StringComparison.Ordinal);
    }

    /// <summary>Settings that take the connection string away again: an empty value hides the one set before.</summary>
    private static Dictionary<string, string> Without(string name) => new() { [$"ConnectionStrings:{name}"] = "" };
}
