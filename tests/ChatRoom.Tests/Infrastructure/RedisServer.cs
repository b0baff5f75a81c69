using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// A throw-away Redis on a free loopback port, without persistence, with many logical databases so
/// each test class can have its own.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const int Databases = 1024;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString(int database = 0) =>
        $"127.0.0.1:{Port},defaultDatabase={database},abortConnect=false";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        _process = ProcessRunner.Start(Binaries.Find("redis-server"),
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--databases", Databases.ToString(CultureInfo.InvariantCulture),
            "--dir", Path.GetTempPath(), "--protected-mode", "yes",
        ]);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(
                    $"127.0.0.1:{Port},abortConnect=true,connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_process is null)
            return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
