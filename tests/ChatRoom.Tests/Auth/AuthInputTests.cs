namespace ChatRoom.Tests.Auth;

/// <summary>Whatever arrives at the identity endpoints, the answer is a 400 problem that says what is wrong.</summary>
public sealed class AuthInputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    [Theory]
    [InlineData("""{}""", "UserName")]
    [InlineData("""{"password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"someone"}""", "Password")]
    [InlineData("""{"userName":"ab","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"abcdefghijklmnopqrstuvwxyz0123456","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"bad\u0000name","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"with space","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"<script>","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"ümlaut","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"newline\n","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"someone","password":"seven77"}""", "Password")]
    [InlineData("""{"userName":"someone","password":"Long-Enough\u00001"}""", "Password")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":""}""", "DisplayName")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":"   "}""", "DisplayName")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":"nul\u0000"}""", "DisplayName")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":"Admin"}""", "DisplayName")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":"the m0d3rat0r"}""", "DisplayName")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":"S.T.A.F.F"}""", "DisplayName")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":"\u202egnp.exe"}""", "DisplayName")]
    [InlineData("""{"userName":"someone","password":"Long-Enough-1","displayName":"\u200b\u200b"}""", "DisplayName")]
    public async Task RegisteringWithInvalidFieldsNamesTheField(string json, string field)
    {
        using var client = _api.NewClient();

        using var response = await client.SendRawAsync(HttpMethod.Post, "/api/auth/register", json);

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task PasswordsOutsideEightTo128CharactersAreRefusedAndTheBoundariesAccepted()
    {
        using var client = _api.NewClient();

        using var tooLong = await client.PostJsonAsync("/api/auth/register",
            new { userName = AuthApi.UniqueName("pw129"), password = new string('x', 129) });
        using var tooShort = await client.PostJsonAsync("/api/auth/register",
            new { userName = AuthApi.UniqueName("pw7"), password = new string('x', 7) });

        Assert.Contains("Password", (await AuthApi.ReadProblemAsync(tooLong, HttpStatusCode.BadRequest)).Errors.Keys);
        Assert.Contains("Password", (await AuthApi.ReadProblemAsync(tooShort, HttpStatusCode.BadRequest)).Errors.Keys);
        var shortest = AuthApi.UniqueName("pw8");
        await client.RegisterAsync(shortest, new string('x', 8));
        await client.LoginAsync(shortest, new string('x', 8));
        var longest = AuthApi.UniqueName("pw128");
        await client.RegisterAsync(longest, new string('y', 128));
        await client.LoginAsync(longest, new string('y', 128));
    }

    [Theory]
    [InlineData("/api/auth/register", """{"userName": 5, "password": "Long-Enough-1"}""")]
    [InlineData("/api/auth/register", """{"userName": "someone", "password": ["Long-Enough-1"]}""")]
    [InlineData("/api/auth/register", """{"userName": "someone", "password": """)]
    [InlineData("/api/auth/register", """["someone", "Long-Enough-1"]""")]
    [InlineData("/api/auth/register", """not json at all""")]
    [InlineData("/api/auth/login", """{"userName": true, "password": "Long-Enough-1"}""")]
    [InlineData("/api/auth/login", """{"userName": "someone", "password": {"value": 1}}""")]
    [InlineData("/api/auth/guest", """{"displayName": 12}""")]
    public async Task BodiesThatAreNotTheExpectedJsonAreBadRequestsNotErrors(string path, string json)
    {
        using var client = _api.NewClient();

        using var response = await client.SendRawAsync(HttpMethod.Post, path, json);

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/auth/register")]
    [InlineData("/api/auth/login")]
    public async Task AnEmptyBodyIsABadRequest(string path)
    {
        using var client = _api.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await client.SendAsync(request, AuthApi.Ct);

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("This endpoint needs a JSON body.", problem.Detail);
    }

    [Fact]
    public async Task ADisplayNameIsStoredWithoutSurroundingSpaces()
    {
        using var client = _api.NewClient();

        using var response = await client.PostJsonAsync("/api/auth/register",
            new { userName = AuthApi.UniqueName("spacey"), password = AuthApi.Password, displayName = "  Space Cadet  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Space Cadet", (await response.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!.DisplayName);
    }

    [Fact]
    public async Task ARoleOrIdInTheRegistrationBodyIsIgnored()
    {
        using var client = _api.NewClient();
        var name = AuthApi.UniqueName("sneaky");
        var chosenId = Guid.NewGuid();

        using var response = await client.PostJsonAsync("/api/auth/register",
            new { userName = name, password = AuthApi.Password, role = "Admin", id = chosenId, createdAt = "2000-01-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = (await response.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!;
        Assert.Equal("User", user.Role);
        Assert.NotEqual(chosenId, user.Id);
        Assert.True(user.CreatedAt > DateTimeOffset.UtcNow.AddHours(-1));
        var session = await client.LoginAsync(name);
        Assert.Equal("User", session.User.Role);
        using var audit = await session.GetAsync("/api/admin/audit");
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
    }

    [Fact]
    public async Task UserNamesAreUniqueIgnoringCase()
    {
        using var client = _api.NewClient();
        var name = AuthApi.UniqueName("Casey");
        await client.RegisterAsync(name);

        using var response = await client.PostJsonAsync("/api/auth/register", new { userName = name.ToUpperInvariant(), password = AuthApi.Password });

        await AuthApi.ReadProblemAsync(response, HttpStatusCode.Conflict);
        // And signing in ignores case too.
        await client.LoginAsync(name.ToLowerInvariant());
    }

    [Fact]
    public async Task AnUnknownUserAndAWrongPasswordGetTheSameAnswer()
    {
        using var client = _api.NewClient();
        var name = AuthApi.UniqueName("known");
        await client.RegisterAsync(name);

        using var unknown = await client.PostJsonAsync("/api/auth/login", new { userName = AuthApi.UniqueName("nobody"), password = AuthApi.Password });
        using var wrong = await client.PostJsonAsync("/api/auth/login", new { userName = name, password = "Not-The-Password-1" });

        var unknownProblem = await AuthApi.ReadProblemAsync(unknown, HttpStatusCode.Unauthorized);
        var wrongProblem = await AuthApi.ReadProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Equal(unknownProblem.Title, wrongProblem.Title);
        Assert.Equal(unknownProblem.Detail, wrongProblem.Detail);
        Assert.Equal(unknownProblem.Type, wrongProblem.Type);
        Assert.Empty(AuthApi.SetCookies(unknown));
        Assert.Empty(AuthApi.SetCookies(wrong));
    }

    [Theory]
    [InlineData("""{"userName":"","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"someone","password":""}""", "Password")]
    [InlineData("""{"password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"abcdefghijklmnopqrstuvwxyz0123456789","password":"Long-Enough-1"}""", "UserName")]
    [InlineData("""{"userName":"nul\u0000","password":"Long-Enough-1"}""", "UserName")]
    public async Task SigningInWithMalformedFieldsIsAValidationProblem(string json, string field)
    {
        using var client = _api.NewClient();

        using var response = await client.SendRawAsync(HttpMethod.Post, "/api/auth/login", json);

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors.Keys);
    }
}
