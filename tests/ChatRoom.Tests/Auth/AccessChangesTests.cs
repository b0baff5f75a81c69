namespace ChatRoom.Tests.Auth;

/// <summary>An admin's decision counts from the very next request, not when the access token runs out.</summary>
public sealed class AccessChangesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    [Fact]
    public async Task ADeletedUserIsRefusedOnTheNextRequest()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var user = await client.RegisterAndLoginAsync("doomed");
        var otherTab = await client.LoginAsync(user.User.UserName);
        using (var before = await user.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using (var delete = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{user.User.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        using (var me = await user.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using (var list = await otherTab.GetAsync("/api/users"))
            Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        using (var refresh = await user.RefreshAsync())
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        using var login = await client.PostJsonAsync("/api/auth/login", new { userName = user.User.UserName, password = AuthApi.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task ADemotedAdminLosesAdminAccessOnTheNextRequest()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var name = AuthApi.UniqueName("deputy");
        using (var create = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = name, password = AuthApi.Password, role = "Admin" }))
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var deputy = await client.LoginAsync(name);
        using (var before = await deputy.GetAsync("/api/admin/audit"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using (var demote = await admin.SendAsync(HttpMethod.Put, $"/api/users/{deputy.User.Id}/role", new { role = "User" }))
            Assert.Equal(HttpStatusCode.OK, demote.StatusCode);

        using (var after = await deputy.GetAsync("/api/admin/audit"))
            await AuthApi.ReadProblemAsync(after, HttpStatusCode.Forbidden);
        // Still signed in as an ordinary user, and a refreshed token carries the new role.
        using (var me = await deputy.GetAsync("/api/auth/me"))
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using (var refresh = await deputy.RefreshAsync())
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal("User", deputy.User.Role);
    }

    [Fact]
    public async Task APromotedUserGainsAdminAccessOnTheNextRequest()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var user = await client.RegisterAndLoginAsync("rising");
        using (var before = await user.GetAsync("/api/admin/audit"))
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);

        using (var promote = await admin.SendAsync(HttpMethod.Put, $"/api/users/{user.User.Id}/role", new { role = "Admin" }))
            Assert.Equal(HttpStatusCode.OK, promote.StatusCode);

        using var after = await user.GetAsync("/api/admin/audit");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
