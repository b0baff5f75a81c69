using Npgsql;

[assembly: AssemblyFixture(typeof(ChatRoom.Tests.Infrastructure.TestInfrastructure))]

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// Once per test run: a PostgreSQL and a Redis (throw-away servers, or the ones named by
/// <c>ConnectionStrings__chatdb</c> / <c>ConnectionStrings__redis</c>), and a template database migrated and
/// seeded by the real migration service. Each test class clones the template into a database of its own
/// and takes a Redis logical database of its own, so classes run in parallel and never see each other's rows.
/// </summary>
public sealed class TestInfrastructure : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Admin-Password-For-Tests-1";
    private const string TemplateDatabase = "chatroom_template";

    private readonly SemaphoreSlim _createDatabase = new(1, 1);
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private string _adminConnectionString = "";
    private string _redisConnectionString = "";
    private int _nextRedisDatabase;
    private readonly Lazy<Task<AzuriteServer>> _azurite = new(AzuriteServer.StartAsync);

    public async ValueTask InitializeAsync()
    {
        var externalDb = Environment.GetEnvironmentVariable("ConnectionStrings__chatdb");
        var externalRedis = Environment.GetEnvironmentVariable("ConnectionStrings__redis");

        var postgres = string.IsNullOrEmpty(externalDb) ? PostgresServer.StartAsync() : Task.FromResult<PostgresServer?>(null)!;
        var redis = string.IsNullOrEmpty(externalRedis) ? RedisServer.StartAsync() : Task.FromResult<RedisServer?>(null)!;
        _postgres = await postgres;
        _redis = await redis;

        _adminConnectionString = _postgres?.ConnectionString()
            ?? new NpgsqlConnectionStringBuilder(externalDb) { Database = "postgres" }.ConnectionString;
        _redisConnectionString = _redis?.ConnectionString() ?? externalRedis!;

        await ExecuteAsync($"DROP DATABASE IF EXISTS {TemplateDatabase} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {TemplateDatabase}");
        await MigrationServiceProcess.RunAsync(DatabaseConnectionString(TemplateDatabase), AdminUserName, AdminPassword);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new database, already migrated and seeded (default lounge, the admin account).</summary>
    public Task<string> CreateDatabaseAsync() => CreateDatabaseFromAsync(TemplateDatabase);

    /// <summary>A new, completely empty database.</summary>
    public Task<string> CreateEmptyDatabaseAsync() => CreateDatabaseFromAsync("template0");

    /// <summary>A connection string to a Redis logical database no other test class uses.</summary>
    public string CreateRedisConnectionString()
    {
        var database = (Interlocked.Increment(ref _nextRedisDatabase) % (RedisServer.Databases - 1)) + 1;
        return $"{_redisConnectionString},defaultDatabase={database}";
    }

    /// <summary>
    /// Settings that give a service blob storage: one Azurite for the run (<c>ConnectionStrings__blobs</c>, else started
    /// on first use), and a container of its own for each caller.
    /// </summary>
    public async Task<Dictionary<string, string>> BlobStorageSettingsAsync()
    {
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__blobs");
        return new()
        {
            ["ConnectionStrings:blobs"] = string.IsNullOrEmpty(external) ? (await _azurite.Value).ConnectionString : external,
            ["DocumentStorage:Container"] = $"test-{Guid.NewGuid():N}",
        };
    }

    public string DatabaseConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database }.ConnectionString;

    private async Task<string> CreateDatabaseFromAsync(string template)
    {
        var name = $"test_{Guid.NewGuid():N}";
        // PostgreSQL refuses to copy a template that another CREATE DATABASE is copying at the same moment.
        await _createDatabase.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        }
        finally
        {
            _createDatabase.Release();
        }
        return DatabaseConnectionString(name);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        if (_redis is not null)
            await _redis.DisposeAsync();
        if (_azurite.IsValueCreated)
            await (await _azurite.Value).DisposeAsync();
        _createDatabase.Dispose();
    }
}
