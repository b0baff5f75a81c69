namespace ChatRoom.Tests.Users;

public sealed class ProfileTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    [Theory]
    [InlineData("https://example.com/me.png")]
    [InlineData("http://example.com/me.png")]
    public async Task AUserSetsAnHttpAvatarAndADisplayName(string avatarUrl)
    {
        using var client = _api.NewClient();
        var user = await client.RegisterAndLoginAsync("avatar");

        using var response = await user.SendAsync(HttpMethod.Patch, "/api/users/me", new { displayName = "  Ava  ", avatarUrl });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await user.GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(avatarUrl, me.AvatarUrl);
        Assert.Equal("Ava", me.DisplayName);
    }

    [Fact]
    public async Task AMemberCannotTakeANameThatReadsAsAStaffRoleButAnAdminCan()
    {
        using var client = _api.NewClient();
        var user = await client.RegisterAndLoginAsync("pretender");
        var admin = await client.LoginAdminAsync();

        using var refused = await user.SendAsync(HttpMethod.Patch, "/api/users/me", new { displayName = "Admin Team" });
        using var accepted = await admin.SendAsync(HttpMethod.Patch, "/api/users/me", new { displayName = "Admin Team" });

        Assert.Contains("DisplayName", (await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest)).Errors.Keys);
        Assert.Null((await user.GetFromJsonAsync<UserResponse>("/api/auth/me")).DisplayName);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path.png")]
    [InlineData("ftp://example.com/me.png")]
    public async Task AnAvatarThatIsNotAnHttpUrlIsRefused(string avatarUrl)
    {
        using var client = _api.NewClient();
        var user = await client.RegisterAndLoginAsync("badavatar");

        using var response = await user.SendAsync(HttpMethod.Patch, "/api/users/me", new { avatarUrl });

        Assert.Contains("AvatarUrl", (await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest)).Errors.Keys);
        var me = await user.GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Null(me.AvatarUrl);
    }

    [Fact]
    public async Task PatchingOneProfileFieldLeavesTheOtherAlone()
    {
        using var client = _api.NewClient();
        var user = await client.RegisterAndLoginAsync("partial");
        using (var first = await user.SendAsync(HttpMethod.Patch, "/api/users/me", new { displayName = "Patty", avatarUrl = "https://example.com/a.png" }))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using (var avatarOnly = await user.SendAsync(HttpMethod.Patch, "/api/users/me", new { avatarUrl = "https://example.com/b.png" }))
            Assert.Equal(HttpStatusCode.OK, avatarOnly.StatusCode);
        var afterAvatar = await user.GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal("Patty", afterAvatar.DisplayName);
        Assert.Equal("https://example.com/b.png", afterAvatar.AvatarUrl);

        using (var nameOnly = await user.SendAsync(HttpMethod.Patch, "/api/users/me", new { displayName = "Pat" }))
            Assert.Equal(HttpStatusCode.OK, nameOnly.StatusCode);
        var afterName = await user.GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal("Pat", afterName.DisplayName);
        Assert.Equal("https://example.com/b.png", afterName.AvatarUrl);

        // An empty string clears a field.
        using (var clear = await user.SendAsync(HttpMethod.Patch, "/api/users/me", new { avatarUrl = "" }))
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        var cleared = await user.GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Null(cleared.AvatarUrl);
        Assert.Equal("Pat", cleared.DisplayName);
    }

    [Fact]
    public async Task AProfilePatchCannotChangeTheRoleOrName()
    {
        using var client = _api.NewClient();
        var user = await client.RegisterAndLoginAsync("climber");

        using var response = await user.SendAsync(HttpMethod.Patch, "/api/users/me",
            new { displayName = "Climber", role = "Admin", userName = "admin2", id = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await user.GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal("User", me.Role);
        Assert.Equal(user.User.UserName, me.UserName);
        Assert.Equal(user.User.Id, me.Id);
    }
}
