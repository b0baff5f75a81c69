namespace ChatRoom.Tests.Auth;

public sealed class GuestTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    [Fact]
    public async Task AGuestGetsASessionWithTheGuestRole()
    {
        using var client = _api.NewClient();

        var guest = await client.GuestAsync("Visitor");

        Assert.Equal("Guest", guest.User.Role);
        Assert.Equal("Visitor", guest.User.DisplayName);
        using var me = await guest.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var user = (await me.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!;
        Assert.Equal("Guest", user.Role);
        Assert.Equal(guest.User.Id, user.Id);
    }

    [Fact]
    public async Task AGuestNeedsNoRequestBody()
    {
        using var client = _api.NewClient();

        using var response = await client.PostAsync("/api/auth/guest", content: null, AuthApi.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var guest = await Session.FromResponseAsync(client, response);
        Assert.Equal("Guest", guest.User.Role);
    }

    [Fact]
    public async Task EachGuestIsANewAccountWithAName()
    {
        using var client = _api.NewClient();

        var first = await client.GuestAsync();
        var second = await client.GuestAsync();

        Assert.NotEqual(first.User.Id, second.User.Id);
        Assert.NotEqual(first.User.UserName, second.User.UserName);
        Assert.False(string.IsNullOrWhiteSpace(first.User.DisplayName));
    }

    [Fact]
    public async Task AGuestSessionRefreshesAndSignsOutLikeAnyOther()
    {
        using var client = _api.NewClient();
        var guest = await client.GuestAsync();

        using (var refresh = await guest.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        using (var logout = await guest.LogoutAsync())
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var me = await guest.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task AGuestHasNoPasswordToChange()
    {
        using var client = _api.NewClient();
        var guest = await client.GuestAsync();

        using var response = await guest.SendAsync(HttpMethod.Post, "/api/auth/password",
            new { currentPassword = "anything-at-all", newPassword = "A-Brand-New-Password-2" });

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Guest", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodyCanSignInAsAGuest()
    {
        using var client = _api.NewClient();
        var guest = await client.GuestAsync();

        using var response = await client.PostJsonAsync("/api/auth/login", new { userName = guest.User.UserName, password = "anything-at-all" });

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AGuestIsNoAdmin()
    {
        using var client = _api.NewClient();
        var guest = await client.GuestAsync();

        using var users = await guest.SendAsync(HttpMethod.Post, "/api/users", new { userName = AuthApi.UniqueName("x"), password = AuthApi.Password });
        using var audit = await guest.GetAsync("/api/admin/audit");

        await AuthApi.ReadProblemAsync(users, HttpStatusCode.Forbidden);
        await AuthApi.ReadProblemAsync(audit, HttpStatusCode.Forbidden);
    }
}
