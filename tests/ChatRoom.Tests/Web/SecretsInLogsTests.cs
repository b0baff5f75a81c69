using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.Tests.Web;

/// <summary>A browser's hub connection carries its access token in the query; no log line may show it.</summary>
public sealed class SecretsInLogsTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task AHubConnectionThroughTheWebLeavesItsAccessTokenInNoLogLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CapturedLogs();
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        await using var web = new WebFactory(api.Address.ToString().TrimEnd('/'), logs);
        var webAddress = web.StartAndGetAddress();
        var session = await ChatApi.SignInAsync(api, "alice");

        await using (var hub = new HubConnectionBuilder()
            // As a browser connects: a WebSocket with the token in the query (the .NET client would send a header).
            .WithUrl(new Uri(webAddress, $"/hubs/chat?access_token={session.AccessToken}"), options =>
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

        Assert.Contains(logs.Lines, line => line.Contains("/hubs/chat", StringComparison.Ordinal));
        var signature = session.AccessToken[(session.AccessToken.LastIndexOf('.') + 1)..];
        Assert.DoesNotContain(logs.Lines, line => line.Contains(signature, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("access_token=", StringComparison.Ordinal));
    }
}
