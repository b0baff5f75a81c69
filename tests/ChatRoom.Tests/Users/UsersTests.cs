using ChatRoom.Api.Infrastructure;
using Npgsql;

namespace ChatRoom.Tests.Users;

public sealed class UsersTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    [Fact]
    public async Task SearchFindsUsersWhoseNameStartsWithTheTextIgnoringCase()
    {
        using var client = _api.NewClient();
        var stem = $"Srch{Guid.NewGuid():N}"[..12];
        var wanted = new[] { $"{stem}_anna", $"{stem}_Anton" };
        foreach (var name in wanted)
            await client.RegisterAsync(name);
        await client.RegisterAsync($"x{stem}_anna");
        var someone = await client.RegisterAndLoginAsync("searcher");

        var found = await someone.GetFromJsonAsync<Page<UserResponse>>($"/api/users?search={stem.ToLowerInvariant()}_AN");

        Assert.Equal(wanted.Order(StringComparer.OrdinalIgnoreCase), found.Items.Select(u => u.UserName));
        using var tooLong = await someone.GetAsync($"/api/users?search={new string('a', 40)}");
        Assert.Contains("search", (await AuthApi.ReadProblemAsync(tooLong, HttpStatusCode.BadRequest)).Errors.Keys);
    }

    [Fact]
    public async Task TheUserListShowsActiveUsersPageByPageWithoutDuplicates()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var name = AuthApi.UniqueName($"lister{i}");
            await client.RegisterAsync(name);
            names.Add(name);
        }
        var deleted = await client.RegisterAsync(AuthApi.UniqueName("gone"));
        using (var delete = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{deleted.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var expiredGuest = await client.GuestAsync();
        await ExecuteSqlAsync($"UPDATE users SET expires_at = now() - interval '1 hour' WHERE id = '{expiredGuest.User.Id}'");

        var seen = new List<UserResponse>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.GetFromJsonAsync<Page<UserResponse>>($"/api/users?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && ++pages < 500);

        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.DistinctBy(u => u.Id).Count());
        Assert.Superset(names.ToHashSet(), seen.Select(u => u.UserName).ToHashSet());
        Assert.Contains(seen, u => u.UserName == TestInfrastructure.AdminUserName);
        Assert.DoesNotContain(seen, u => u.Id == deleted.Id);
        Assert.DoesNotContain(seen, u => u.Id == expiredGuest.User.Id);
        // Alphabetical, whatever the database's collation does with punctuation.
        Assert.Equal(names, seen.Select(u => u.UserName).Where(names.Contains));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=lots")]
    [InlineData("cursor=%25%25%25")]
    public async Task BadPagingParametersAreValidationProblems(string query)
    {
        using var client = _api.NewClient();
        var user = await client.RegisterAndLoginAsync("pager");

        using var response = await user.GetAsync($"/api/users?{query}");

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AUserCanBeLookedUpByIdUntilDeleted()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var viewer = await client.RegisterAndLoginAsync("viewer");
        var target = await client.RegisterAsync(AuthApi.UniqueName("target"));

        var found = await viewer.GetFromJsonAsync<UserResponse>($"/api/users/{target.Id}");
        Assert.Equal(target.UserName, found.UserName);
        Assert.Equal("User", found.Role);

        using (var unknown = await viewer.GetAsync($"/api/users/{Guid.NewGuid()}"))
            await AuthApi.ReadProblemAsync(unknown, HttpStatusCode.NotFound);
        using (var delete = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{target.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var gone = await viewer.GetAsync($"/api/users/{target.Id}"))
            await AuthApi.ReadProblemAsync(gone, HttpStatusCode.NotFound);
        using var again = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{target.Id}");
        await AuthApi.ReadProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UsersAreOnlyForSignedInCallers()
    {
        using var client = _api.NewClient();

        using var list = await client.GetAsync("/api/users", accessToken: null);
        using var one = await client.GetAsync($"/api/users/{Guid.NewGuid()}", accessToken: null);

        await AuthApi.ReadProblemAsync(list, HttpStatusCode.Unauthorized);
        await AuthApi.ReadProblemAsync(one, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAdminCreatesAUserWhoCanSignInWithTheGivenRole()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var name = AuthApi.UniqueName("mod");

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/users",
            new { userName = name, password = AuthApi.Password, role = "moderator", displayName = "The Mod" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!;
        Assert.Equal("Moderator", created.Role);
        Assert.Equal("The Mod", created.DisplayName);
        Assert.Equal($"/api/users/{created.Id}", response.Headers.Location?.ToString());
        var session = await client.LoginAsync(name);
        Assert.Equal("Moderator", session.User.Role);
        var plain = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = AuthApi.UniqueName("plain"), password = AuthApi.Password });
        Assert.Equal("User", (await plain.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!.Role);
    }

    [Fact]
    public async Task CreatingAUserWithATakenNameIsAConflict()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/users",
            new { userName = TestInfrastructure.AdminUserName.ToUpperInvariant(), password = AuthApi.Password });

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("SuperAdmin")]
    [InlineData("Guest")]
    [InlineData("3")]
    [InlineData("User,Moderator")]
    [InlineData("User, Moderator")]
    [InlineData(" Admin")]
    [InlineData("")]
    public async Task UnknownOrUnassignableRolesAreRefused(string role)
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var target = await client.RegisterAsync(AuthApi.UniqueName("role"));

        using var create = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = AuthApi.UniqueName("new"), password = AuthApi.Password, role });
        using var change = await admin.SendAsync(HttpMethod.Put, $"/api/users/{target.Id}/role", new { role });

        Assert.Contains("Role", (await AuthApi.ReadProblemAsync(create, HttpStatusCode.BadRequest)).Errors.Keys);
        Assert.Contains("Role", (await AuthApi.ReadProblemAsync(change, HttpStatusCode.BadRequest)).Errors.Keys);
        var unchanged = await admin.GetFromJsonAsync<UserResponse>($"/api/users/{target.Id}");
        Assert.Equal("User", unchanged.Role);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"role": 3}""")]
    [InlineData("""{"role": null}""")]
    public async Task ARoleChangeWithoutARoleNameIsABadRequest(string json)
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var target = await client.RegisterAsync(AuthApi.UniqueName("noRole"));

        using var response = await client.SendRawAsync(HttpMethod.Put, $"/api/users/{target.Id}/role", json, admin.AccessToken);

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheLastAdminCanBeNeitherDemotedNorDeleted()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();

        using (var demote = await admin.SendAsync(HttpMethod.Put, $"/api/users/{admin.User.Id}/role", new { role = "User" }))
            Assert.Contains("last admin", (await AuthApi.ReadProblemAsync(demote, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        using (var delete = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{admin.User.Id}"))
            Assert.Contains("last admin", (await AuthApi.ReadProblemAsync(delete, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);

        using var still = await admin.GetAsync("/api/admin/audit");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task WithASecondAdminTheFirstCanStepDown()
    {
        using var client = _api.NewClient();
        var admin = await client.LoginAdminAsync();
        var name = AuthApi.UniqueName("heir");
        using (var create = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = name, password = AuthApi.Password, role = "Admin" }))
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var heir = await client.LoginAsync(name);

        try
        {
            using (var stepDown = await admin.SendAsync(HttpMethod.Put, $"/api/users/{admin.User.Id}/role", new { role = "Moderator" }))
                Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);

            // Now the heir is the last one.
            using var demoteHeir = await heir.SendAsync(HttpMethod.Put, $"/api/users/{heir.User.Id}/role", new { role = "User" });
            await AuthApi.ReadProblemAsync(demoteHeir, HttpStatusCode.Conflict);
        }
        finally
        {
            // Other tests of this class count on the seeded admin being the one and only admin.
            using var restore = await heir.SendAsync(HttpMethod.Put, $"/api/users/{admin.User.Id}/role", new { role = "Admin" });
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
            using var retire = await admin.SendAsync(HttpMethod.Put, $"/api/users/{heir.User.Id}/role", new { role = "User" });
            Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        }
    }

    [Fact]
    public async Task OnlyAdminsAdministerUsers()
    {
        using var client = _api.NewClient();
        var user = await client.RegisterAndLoginAsync("plain");
        var admin = await client.LoginAdminAsync();
        using var mod = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = AuthApi.UniqueName("mod"), password = AuthApi.Password, role = "Moderator" });
        var moderator = await client.LoginAsync((await mod.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!.UserName);

        foreach (var caller in new[] { user, moderator })
        {
            using var create = await caller.SendAsync(HttpMethod.Post, "/api/users", new { userName = AuthApi.UniqueName("x"), password = AuthApi.Password });
            using var role = await caller.SendAsync(HttpMethod.Put, $"/api/users/{caller.User.Id}/role", new { role = "Admin" });
            using var delete = await caller.SendAsync(HttpMethod.Delete, $"/api/users/{admin.User.Id}");
            await AuthApi.ReadProblemAsync(create, HttpStatusCode.Forbidden);
            await AuthApi.ReadProblemAsync(role, HttpStatusCode.Forbidden);
            await AuthApi.ReadProblemAsync(delete, HttpStatusCode.Forbidden);
        }
        var self = await user.GetFromJsonAsync<UserResponse>($"/api/users/{user.User.Id}");
        Assert.Equal("User", self.Role);
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_api.DatabaseConnectionString);
        await connection.OpenAsync(AuthApi.Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(AuthApi.Ct);
    }
}
