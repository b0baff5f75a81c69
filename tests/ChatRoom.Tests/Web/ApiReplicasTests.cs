extern alias web;

using System.Net.Http.Headers;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.Tests.Web;

/// <summary>
/// The Web in front of two Api replicas: both serve, and a hub connection keeps to one replica. The replicas are
/// shared by the tests of the class, which stop none of them (<see cref="ApiReplicaFailoverTests"/> do).
/// </summary>
public sealed class ApiReplicasTests(ReplicasBehindWeb replicas) : IClassFixture<ReplicasBehindWeb>
{
    [Fact]
    public async Task RequestsThroughTheWebAreServedByEveryReplica()
    {
        for (var i = 0; i < 40; i++)
            Assert.Equal(HttpStatusCode.OK, await replicas.GetLoungesAsync());

        Assert.True(replicas.First.CountServed("/api/lounges") > 0, "The first replica served none.");
        Assert.True(replicas.Second.CountServed("/api/lounges") > 0, "The second replica served none.");
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task EveryHubConnectionKeepsToOneReplicaAndTheConnectionsSpreadOverBoth(HttpTransportType transport)
    {
        var session = await replicas.Browser.RegisterAndLoginAsync("spread");
        var hubs = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                // Each one a browser of its own (its own cookies), named in a header so the replicas can tell them apart.
                var hub = replicas.Connect(session, transport, tag: $"{transport}-{i}");
                hubs.Add(hub);
                await hub.StartAsync(AuthApi.Ct);
                for (var beat = 0; beat < 3; beat++)
                    await hub.InvokeAsync("Heartbeat", AuthApi.Ct);
            }

            var replicasPerConnection = Enumerable.Range(0, hubs.Count)
                .Select(i => new[] { replicas.First, replicas.Second }.Count(r => r.ServedHubRequestsOf($"{transport}-{i}") > 0))
                .ToList();
            Assert.All(replicasPerConnection, count => Assert.Equal(1, count));
            Assert.True(replicas.First.ServedHubRequestsOf($"{transport}-") > 0 && replicas.Second.ServedHubRequestsOf($"{transport}-") > 0,
                "All hub connections went to one replica.");
        }
        finally
        {
            foreach (var hub in hubs)
                await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheHubReplicaCookieIsHttpOnlyStrictAndKeptToTheHubs()
    {
        var session = await replicas.Browser.RegisterAndLoginAsync("cookie");
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{ChatHub.Path}/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);

        using var response = await replicas.Browser.SendAsync(negotiate, AuthApi.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = AuthApi.SetCookies(response)[web::ChatRoom.Web.ApiProxy.HubAffinityCookie];
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/hubs", cookie.Path.ToString());
        Assert.False(cookie.Secure); // plain http here; over https the cookie is Secure
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://127.0.0.1:5180 localhost:5181")]
    public async Task AWebWithoutValidApiAddressesStopsAtStartNamingTheSetting(string addresses)
    {
        await using var web = new WebFactory(addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var error = Record.Exception(() => web.StartAndGetAddress());

        Assert.NotNull(error);
        Assert.Contains("services__api__http__0", error.ToString(), StringComparison.Ordinal);
    }
}
