using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.Tests.Web;

/// <summary>A browser's hub connection carries its access token in the query; no log line may show it.</summary>
public sealed class SecretsInLogsTests(SecretsInLogsTests.WebInFront server) : IClassFixture<SecretsInLogsTests.WebInFront>
{
    /// <summary>The Api with the Web in front of it, every line the Web logs captured.</summary>
    public sealed class WebInFront(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        private WebFactory _web = null!;

        public CapturedLogs Logs { get; } = new();

        public Uri WebAddress { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            _web = new WebFactory(Api.Address.ToString().TrimEnd('/'), Logs);
            WebAddress = _web.StartAndGetAddress();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_web is not null)
                await _web.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task AHubConnectionThroughTheWebLeavesItsAccessTokenInNoLogLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var session = await ChatApi.SignInAsync(server.Api, "alice");

        await using (var hub = new HubConnectionBuilder()
            // As a browser connects: a WebSocket with the token in the query (the .NET client would send a header).
            .WithUrl(new Uri(server.WebAddress, $"/hubs/chat?access_token={session.AccessToken}"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build())
        {
            await hub.StartAsync(ct);
            // Answered: the Api took the token the Web passed on.
            await hub.InvokeAsync("Heartbeat", ct);
        }

        var logs = server.Logs.Lines;
        Assert.Contains(logs, line => line.Contains("/hubs/chat", StringComparison.Ordinal));
        var signature = session.AccessToken[(session.AccessToken.LastIndexOf('.') + 1)..];
        Assert.DoesNotContain(logs, line => line.Contains(signature, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("access_token=", StringComparison.Ordinal));
    }
}
