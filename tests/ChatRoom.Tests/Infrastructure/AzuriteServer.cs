using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// A throw-away Azurite (the Azure Blob Storage emulator, from npm) on a free loopback port, keeping blobs in memory,
/// with an account and key of its own rather than the emulator's well-known ones.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private const string Account = "chatroomtests";
    private readonly Process _process;

    private AzuriteServer(Process process, int port, string key)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/{Account};";
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteServer> StartAsync()
    {
        var port = FreePort.Next();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var process = ProcessRunner.Start(FindAzurite(),
        [
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--disableProductStyleUrl",
        ], new Dictionary<string, string?> { ["AZURITE_ACCOUNTS"] = $"{Account}:{key}" });
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new AzuriteServer(process, port, key);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary><c>CHATROOM_AZURITE</c>, else the copy test.sh installs under <c>tools/azurite</c>.</summary>
    private static string FindAzurite()
    {
        if (Environment.GetEnvironmentVariable("CHATROOM_AZURITE") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "azurite", "node_modules", ".bin", "azurite-blob");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException(
            "Azurite was not found: install it with 'npm ci --prefix tools/azurite' (test.sh does), or set CHATROOM_AZURITE to azurite-blob.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
