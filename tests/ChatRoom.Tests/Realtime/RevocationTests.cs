using System.Text;
using ChatRoom.Api.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatRoom.Tests.Realtime;

/// <summary>
/// A hub connection lives no longer than its session: signing out, deleting the account or taking away a role
/// closes it at once, on whichever replica it is.
/// </summary>
public sealed class RevocationTests(RevocationTests.Server server) : IClassFixture<RevocationTests.Server>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Guid _room;

    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure);

    public async ValueTask InitializeAsync() => _room = await server.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AfterSigningOutTheTabCanNeitherCallTheHubNorReconnect()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await alice.JoinAsync(_room);

        using (var logout = await alice.Session.LogoutAsync())
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await AssertClosedAsync(alice);
        await AssertCannotReconnectAsync(alice.Session);
    }

    [Fact]
    public async Task SigningOutClosesTheTabsConnectionRightAwayAndTellsItWhyButNotOtherDevices()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var otherDevice = await _api.NewHttpClient().LoginAsync(alice.User.UserName);
        await using var tab = await ChatClient.ConnectAsync(_api, alice);
        await using var phone = await ChatClient.ConnectAsync(_api, otherDevice);

        using (var logout = await alice.LogoutAsync())
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        // No call from the tab: the Api closes it on its own.
        await tab.WaitUntilClosedAsync();
        Assert.Single(tab.Revoked.Items);
        await phone.HeartbeatAsync();
        Assert.Equal(HubConnectionState.Connected, phone.Hub.State);
    }

    [Fact]
    public async Task DeletingAUserClosesTheirConnections()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        var admin = await server.AdminAsync();

        using (var delete = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{alice.UserId}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        await AssertClosedAsync(alice);
        await AssertCannotReconnectAsync(alice.Session);
    }

    [Fact]
    public async Task ADemotedModeratorsConnectionIsClosedAndTheNextOneHasTheNewRole()
    {
        var admin = await server.AdminAsync();
        var name = AuthApi.UniqueName("mod");
        using (var create = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = name, password = AuthApi.Password, role = "Moderator" }))
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var moderator = await _api.NewHttpClient().LoginAsync(name);
        await using var connection = await ChatClient.ConnectAsync(_api, moderator);

        using (var demote = await admin.SendAsync(HttpMethod.Put, $"/api/users/{moderator.User.Id}/role", new { role = "User" }))
            Assert.Equal(HttpStatusCode.OK, demote.StatusCode);

        await AssertClosedAsync(connection);
        // With the same, still valid session the next connection acts in the new role.
        await using var again = await ChatClient.ConnectAsync(_api, moderator);
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var message = await alice.SendOverRestAsync(_room, "not yours to delete any more");
        using var delete = await moderator.DeleteAsync(message.Id);
        await AuthApi.ReadProblemAsync(delete, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARevocationPublishedOnOneReplicaClosesTheSessionsConnectionsOnEveryReplica()
    {
        await using var two = _api.StartReplica();
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var otherDevice = await _api.NewHttpClient().LoginAsync(alice.User.UserName);
        await using var tabOnOne = await ChatClient.ConnectAsync(_api, alice);
        await using var tabOnTwo = await ChatClient.ConnectAsync(two, alice);
        await using var phoneOnTwo = await ChatClient.ConnectAsync(two, otherDevice);

        await _api.Services.GetRequiredService<RevocationBus>()
            .PublishAsync(new Revocation(UserId: null, [alice.SessionId], "Signed out on another device."));

        await tabOnOne.WaitUntilClosedAsync();
        await tabOnTwo.WaitUntilClosedAsync();
        Assert.Equal("Signed out on another device.", Assert.Single(tabOnOne.Revoked.Items).Reason);
        Assert.Equal("Signed out on another device.", Assert.Single(tabOnTwo.Revoked.Items).Reason);
        await phoneOnTwo.HeartbeatAsync();
        Assert.Equal(HubConnectionState.Connected, phoneOnTwo.Hub.State);
        Assert.Empty(phoneOnTwo.Revoked.Items);
    }

    [Fact]
    public async Task ARevocationOfAUserClosesAllTheirConnectionsOnEveryReplica()
    {
        await using var two = _api.StartReplica();
        var alice = await ChatApi.SignInAsync(_api, "alice");
        var otherDevice = await _api.NewHttpClient().LoginAsync(alice.User.UserName);
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await using var tab = await ChatClient.ConnectAsync(_api, alice);
        await using var phone = await ChatClient.ConnectAsync(two, otherDevice);

        await two.Services.GetRequiredService<RevocationBus>()
            .PublishAsync(new Revocation(alice.User.Id, [], "The account was deleted."));

        await tab.WaitUntilClosedAsync();
        await phone.WaitUntilClosedAsync();
        Assert.Single(tab.Revoked.Items);
        Assert.Single(phone.Revoked.Items);
        await bob.HeartbeatAsync();
        Assert.Equal(HubConnectionState.Connected, bob.Hub.State);
    }

    [Fact]
    public async Task AConnectionEndsWhenTheAccessTokenItWasOpenedWithExpires()
    {
        var alice = await ChatApi.SignInAsync(_api, "alice");
        // The Api's own token for this session, but living three seconds (the Api issues them for minutes).
        var shortLived = Resign(alice.AccessToken, TimeSpan.FromSeconds(3));
        await using var connection = await ChatClient.ConnectAsync(_api, alice, o => o.AccessTokenProvider = () => Task.FromResult<string?>(shortLived));
        await connection.HeartbeatAsync();

        await connection.WaitUntilClosedAsync();

        Assert.Equal(HubConnectionState.Disconnected, connection.Hub.State);
    }

    /// <summary>
    /// Closed now if the revocation was announced, or at the next call, which the session check refuses:
    /// either way the tab can do nothing more on this connection, and the connection ends.
    /// </summary>
    private static async Task AssertClosedAsync(ChatClient client)
    {
        await Assert.ThrowsAnyAsync<Exception>(client.HeartbeatAsync);
        await client.WaitUntilClosedAsync();
        Assert.Equal(HubConnectionState.Disconnected, client.Hub.State);
    }

    private static string Resign(string accessToken, TimeSpan lifetime)
    {
        var original = new JsonWebToken(accessToken);
        var now = DateTime.UtcNow;
        string[] timing = [JwtRegisteredClaimNames.Exp, JwtRegisteredClaimNames.Iat, JwtRegisteredClaimNames.Nbf,
            JwtRegisteredClaimNames.Iss, JwtRegisteredClaimNames.Aud];
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = original.Issuer,
            Audience = original.Audiences.Single(),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            TokenType = original.Typ,
            Claims = original.Claims.Where(c => !timing.Contains(c.Type)).ToDictionary(c => c.Type, c => (object)c.Value),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task AssertCannotReconnectAsync(Session session)
    {
        await using var again = ChatClient.Create(_api, session);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.Hub.StartAsync(AuthApi.Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
