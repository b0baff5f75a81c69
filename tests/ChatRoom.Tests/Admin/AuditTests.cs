using ChatRoom.Api.Admin;
using ChatRoom.Api.Infrastructure;
using Npgsql;

namespace ChatRoom.Tests.Admin;

public sealed class AuditTests(AuditTests.SignedInAdmin fixture) : IClassFixture<AuditTests.SignedInAdmin>
{
    private readonly ApiFactory _api = fixture.Api;
    private readonly HttpClient _client = fixture.Client;
    private readonly Session _admin = fixture.Admin;

    public sealed class SignedInAdmin(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        public HttpClient Client { get; private set; } = null!;
        public Session Admin { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Client = Api.NewClient();
            Admin = await Client.LoginAdminAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task EverySecurityChangeOfAnAccountIsAudited()
    {
        var name = AuthApi.UniqueName("audited");
        var registered = await _client.RegisterAsync(name);
        using (var failed = await _client.PostJsonAsync("/api/auth/login", new { userName = name, password = "Wrong-Password-1" }))
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        var session = await _client.LoginAsync(name);
        using (var change = await session.SendAsync(HttpMethod.Post, "/api/auth/password",
            new { currentPassword = AuthApi.Password, newPassword = "Another-Password-2" }))
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        using (var logout = await session.LogoutAsync())
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        var aboutUser = await QueryAsync($"entityType=user&entityId={registered.Id}");
        Assert.Equal(["user.password_change", "user.login", "user.login_failed", "user.register"], aboutUser.Select(e => e.Action));
        Assert.Null(aboutUser.Single(e => e.Action == "user.login_failed").ActorId);
        var byUser = await QueryAsync($"actorId={registered.Id}");
        Assert.Equal(["user.logout", "user.password_change", "user.login", "user.register"], byUser.Select(e => e.Action));
        Assert.All(byUser, e => Assert.Equal(name, e.ActorName));
        var logoutEntry = byUser[0];
        Assert.Equal("session", logoutEntry.EntityType);
        Assert.Equal(session.SessionId.ToString(), logoutEntry.EntityId);
        Assert.DoesNotContain(JsonTexts(aboutUser), text => text.Contains(AuthApi.Password, StringComparison.Ordinal) ||
            text.Contains("Another-Password-2", StringComparison.Ordinal) || text.Contains("argon2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminActionsOnUsersAreAuditedWithBeforeAndAfter()
    {
        var name = AuthApi.UniqueName("managed");
        UserResponse created;
        using (var create = await _admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = name, password = AuthApi.Password }))
            created = (await create.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!;
        using (var role = await _admin.SendAsync(HttpMethod.Put, $"/api/users/{created.Id}/role", new { role = "Moderator" }))
            Assert.Equal(HttpStatusCode.OK, role.StatusCode);
        using (var delete = await _admin.SendAsync(HttpMethod.Delete, $"/api/users/{created.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var entries = await QueryAsync($"entityId={created.Id}");

        Assert.Equal(["user.delete", "user.role_change", "user.create"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(_admin.User.Id, e.ActorId));
        Assert.All(entries, e => Assert.Equal(TestInfrastructure.AdminUserName, e.ActorName));
        var roleChange = entries[1];
        Assert.Equal("User", roleChange.Before!.Value.GetProperty("role").GetString());
        Assert.Equal("Moderator", roleChange.After!.Value.GetProperty("role").GetString());
        Assert.Equal(name, entries[2].After!.Value.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task AuditFiltersByActionActorEntityAndTimeRange()
    {
        var actor = Guid.NewGuid();
        var other = Guid.NewGuid();
        var r1 = $"r1-{actor:N}"[..30];
        await InsertAsync("test.filter", actor, "room", r1, "2020-01-01T10:00:00Z");
        await InsertAsync("test.filter", actor, "room", "r2", "2020-01-01T11:00:00Z");
        await InsertAsync("test.filter", other, "message", "m1", "2020-01-01T11:10:00Z");
        await InsertAsync("test.filter", actor, "room", r1, "2020-01-01T12:00:00Z");
        await InsertAsync("test.other", actor, "room", r1, "2020-01-01T11:20:00Z");

        Assert.Equal(4, (await QueryAsync("action=test.filter")).Count);
        Assert.Equal([r1, "r2", r1], (await QueryAsync($"action=test.filter&actorId={actor}")).Select(e => e.EntityId));
        Assert.Equal(["m1"], (await QueryAsync("action=test.filter&entityType=message")).Select(e => e.EntityId));
        Assert.Equal(3, (await QueryAsync($"entityType=room&entityId={r1}")).Count);
        Assert.Equal(
            ["2020-01-01T11:10:00Z", "2020-01-01T11:00:00Z"],
            (await QueryAsync("action=test.filter&from=2020-01-01T10:30:00Z&to=2020-01-01T11:30:00Z")).Select(Time));
        Assert.Equal(["2020-01-01T12:00:00Z"], (await QueryAsync("action=test.filter&from=2020-01-01T11:30:00Z")).Select(Time));
        Assert.Equal(["2020-01-01T10:00:00Z"], (await QueryAsync("action=test.filter&to=2020-01-01T10:30:00Z")).Select(Time));
        Assert.Empty(await QueryAsync($"action=test.other&actorId={other}"));
    }

    [Fact]
    public async Task TimesWithAnyUtcOffsetMeanTheSameMoment()
    {
        await InsertAsync("test.offset", null, "room", "early", "2020-02-01T10:00:00Z");
        await InsertAsync("test.offset", null, "room", "middle", "2020-02-01T11:00:00Z");
        await InsertAsync("test.offset", null, "room", "late", "2020-02-01T12:00:00Z");

        // 12:30+02:00 is 10:30Z and 13:30+02:00 is 11:30Z.
        var entries = await QueryAsync("action=test.offset&from=2020-02-01T12:30:00%2B02:00&to=2020-02-01T13:30:00%2B02:00");

        Assert.Equal(["middle"], entries.Select(e => e.EntityId));
    }

    [Fact]
    public async Task PagesComeNewestFirstWithoutDuplicatesOrGapsEvenForEntriesOfTheSameMoment()
    {
        for (var i = 0; i < 7; i++)
            await InsertAsync("test.paging", null, "room", $"same{i}", "2021-06-01T00:00:00Z");
        await InsertAsync("test.paging", null, "room", "older", "2021-05-01T00:00:00Z");
        await InsertAsync("test.paging", null, "room", "newer", "2021-07-01T00:00:00Z");
        await InsertAsync("test.paging", null, "room", "newest", "2021-08-01T00:00:00Z");

        var all = await QueryAsync("action=test.paging");
        var paged = new List<AuditEntryResponse>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _admin.GetFromJsonAsync<Page<AuditEntryResponse>>(
                $"/api/admin/audit?action=test.paging&limit=3{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.InRange(page.Items.Count, 1, 3);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(4, pages);
        Assert.Equal(10, all.Count);
        Assert.Equal(all.Select(e => e.Id), paged.Select(e => e.Id));
        Assert.Equal(10, paged.Select(e => e.Id).Distinct().Count());
        Assert.Equal("newest", paged[0].EntityId);
        Assert.Equal("older", paged[^1].EntityId);
        Assert.Equal([.. paged.Select(e => e.CreatedAt).OrderDescending()], paged.Select(e => e.CreatedAt));
    }

    [Fact]
    public async Task RealEntriesPageNewestFirstToo()
    {
        for (var i = 0; i < 5; i++)
            await _client.RegisterAsync(AuthApi.UniqueName($"pageme{i}"));

        var firstPage = await _admin.GetFromJsonAsync<Page<AuditEntryResponse>>("/api/admin/audit?action=user.register&limit=2");
        var secondPage = await _admin.GetFromJsonAsync<Page<AuditEntryResponse>>(
            $"/api/admin/audit?action=user.register&limit=2&cursor={firstPage.NextCursor}");

        Assert.Equal(2, firstPage.Items.Count);
        Assert.Equal(2, secondPage.Items.Count);
        Assert.True(firstPage.Items[^1].CreatedAt >= secondPage.Items[0].CreatedAt);
        Assert.Empty(firstPage.Items.Select(e => e.Id).Intersect(secondPage.Items.Select(e => e.Id)));
    }

    [Fact]
    public async Task TheAuditLogIsForAdminsOnly()
    {
        using var anonymous = await _client.GetAsync("/api/admin/audit", accessToken: null);
        var user = await _client.RegisterAndLoginAsync("curious");
        using var asUser = await user.GetAsync("/api/admin/audit");
        var modName = AuthApi.UniqueName("mod");
        using (var mod = await _admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = modName, password = AuthApi.Password, role = "Moderator" }))
            Assert.Equal(HttpStatusCode.Created, mod.StatusCode);
        var moderator = await _client.LoginAsync(modName);
        using var asModerator = await moderator.GetAsync("/api/admin/audit");

        await AuthApi.ReadProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await AuthApi.ReadProblemAsync(asUser, HttpStatusCode.Forbidden);
        await AuthApi.ReadProblemAsync(asModerator, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=bm90IGEgY3Vyc29y")]
    [InlineData("actorId=not-a-guid")]
    [InlineData("from=yesterday")]
    [InlineData("from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z")]
    public async Task BadQueriesAreValidationProblems(string query)
    {
        using var response = await _admin.GetAsync($"/api/admin/audit?{query}");

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<List<AuditEntryResponse>> QueryAsync(string query)
    {
        var page = await _admin.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/admin/audit?{query}&limit=100");
        Assert.Null(page.NextCursor);
        return [.. page.Items];
    }

    private static string Time(AuditEntryResponse entry) =>
        entry.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> JsonTexts(IEnumerable<AuditEntryResponse> entries) =>
        entries.SelectMany(e => new[] { e.Before?.GetRawText(), e.After?.GetRawText(), e.Metadata?.GetRawText() }).OfType<string>();

    private async Task InsertAsync(string action, Guid? actor, string entityType, string entityId, string at)
    {
        await using var connection = new NpgsqlConnection(_api.DatabaseConnectionString);
        await connection.OpenAsync(AuthApi.Ct);
        await using var command = new NpgsqlCommand(
            "INSERT INTO audit_log (id, action, entity_type, entity_id, actor_id, created_at) VALUES (@id, @action, @type, @entity, @actor, @at::timestamptz)",
            connection);
        command.Parameters.AddWithValue("id", Guid.NewGuid());
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("type", entityType);
        command.Parameters.AddWithValue("entity", entityId);
        command.Parameters.AddWithValue("actor", actor is { } a ? a : DBNull.Value);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(AuthApi.Ct);
    }
}
