using System.Diagnostics;
using Npgsql;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL: initdb in a temp folder, a free loopback port, durability off (fsync,
/// synchronous commit) because the data dies with the test run. Can be stopped and started again on
/// the same port and data, to test how services behave while the database is away.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _dataDir;
    private Process? _process;

    private PostgresServer(string dataDir, int port)
    {
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            // Tests open many short-lived databases; don't keep idle connections to each.
            ConnectionIdleLifetime = 10,
        }.ConnectionString;

    public static async Task<PostgresServer> StartAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"chatroom-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (Binaries.RunningAsRoot)
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", dataDir]);

        var (initdb, initdbArgs) = ProcessRunner.AsPostgresUser(Binaries.Find("initdb"),
            "-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        await ProcessRunner.RunAsync(initdb, initdbArgs);

        var server = new PostgresServer(dataDir, FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var (postgres, args) = ProcessRunner.AsPostgresUser(Binaries.Find("postgres"),
            "-D", _dataDir, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", _dataDir, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=400", "-c", "shared_buffers=128MB");
        _process = ProcessRunner.Start(postgres, args);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    /// <summary>Fast shutdown: open connections are closed, as when the database server goes away.</summary>
    public async Task StopAsync()
    {
        var pidFile = Path.Combine(_dataDir, "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
        {
            // SIGINT is PostgreSQL's fast shutdown.
            await ProcessRunner.TryRunAsync("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (_process is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
            _process = null;
        }
        // A fresh pool after a restart, so no test sees a connection from before the stop.
        NpgsqlConnection.ClearAllPools();
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await ExecuteAsync("SELECT 1");
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline)
            {
                if (_process is { HasExited: true })
                    throw new InvalidOperationException($"postgres exited with {_process.ExitCode} at start.", ex);
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing depends on it.
        }
    }
}
