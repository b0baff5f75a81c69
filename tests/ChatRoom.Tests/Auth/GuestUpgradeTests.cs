using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Auth;

/// <summary>A guest who registers keeps their account: the same id, messages and history, under a name and password of their own.</summary>
public sealed class GuestUpgradeTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    [Fact]
    public async Task AGuestWhoRegistersKeepsTheirMessagesUnderTheirNewName()
    {
        var room = await server.NewRoomAsync();
        var client = server.Api.NewHttpClient();
        var guest = await client.GuestAsync();
        await using var hub = await ChatClient.ConnectAsync(server.Api, guest);
        await hub.JoinAsync(room);
        var said = await hub.SendAsync(room, "hello as a guest");
        var name = AuthApi.UniqueName("kept");

        using var upgraded = await client.PostJsonAsync("/api/auth/upgrade", new { userName = name, password = AuthApi.Password }, guest.AccessToken);

        Assert.Equal(HttpStatusCode.OK, upgraded.StatusCode);
        var member = await Session.FromResponseAsync(client, upgraded);
        Assert.Equal((guest.User.Id, "User", name), (member.User.Id, member.User.Role, member.User.UserName));
        Assert.Null(member.User.DisplayName);
        Assert.Equal("upgraded", (await hub.Revoked.WaitForAsync(_ => true)).Reason);
        var history = await member.FullHistoryAsync(room);
        Assert.Equal(name, history.Single(m => m.Id == said.Id).Author.UserName);
        var signedIn = await server.Api.NewHttpClient().LoginAsync(name);
        Assert.Equal(guest.User.Id, signedIn.User.Id);
        Assert.Contains("user.guest_upgrade", await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, guest.User.Id));
    }

    [Fact]
    public async Task TheGuestSessionEndsAndTheNewOneLasts()
    {
        var client = server.Api.NewHttpClient();
        var guest = await client.GuestAsync("Visitor");
        var oldTokens = guest.Copy();

        using var upgraded = await client.PostJsonAsync("/api/auth/upgrade",
            new { userName = AuthApi.UniqueName("kept"), password = AuthApi.Password }, guest.AccessToken);
        var member = await Session.FromResponseAsync(client, upgraded);

        Assert.Equal("Visitor", member.User.DisplayName);
        // From another client: this one's cookies are the new session's now, as in the browser.
        using (var refreshed = await server.Api.NewHttpClient().PostWithCookiesAsync("/api/auth/refresh", oldTokens.RefreshToken, oldTokens.CsrfToken, oldTokens.CsrfToken))
            await AuthApi.ReadProblemAsync(refreshed, HttpStatusCode.Unauthorized, ErrorCodes.AuthSessionEnded);
        using (var me = await oldTokens.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using (var refreshed = await member.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("User", (await member.GetFromJsonAsync<UserResponse>("/api/auth/me")).Role);
    }

    [Fact]
    public async Task OnlyAGuestRegistersSoAndOnlyUnderAFreeName()
    {
        var member = await ChatApi.SignInAsync(server.Api, "reg");
        using (var again = await member.SendAsync(HttpMethod.Post, "/api/auth/upgrade", new { userName = AuthApi.UniqueName("x"), password = AuthApi.Password }))
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.Conflict, ErrorCodes.AuthNotGuest);

        var client = server.Api.NewHttpClient();
        var guest = await client.GuestAsync();
        using (var taken = await client.PostJsonAsync("/api/auth/upgrade", new { userName = member.User.UserName, password = AuthApi.Password }, guest.AccessToken))
            await AuthApi.ReadProblemAsync(taken, HttpStatusCode.Conflict, ErrorCodes.AuthNameTaken);
        using (var weak = await client.PostJsonAsync("/api/auth/upgrade", new { userName = AuthApi.UniqueName("x"), password = "short" }, guest.AccessToken))
            await AuthApi.ReadProblemAsync(weak, HttpStatusCode.BadRequest);
        using (var anonymous = await server.Api.NewHttpClient().PostJsonAsync("/api/auth/upgrade", new { userName = AuthApi.UniqueName("x"), password = AuthApi.Password }))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Guest", (await guest.GetFromJsonAsync<UserResponse>("/api/auth/me")).Role);
    }
}
