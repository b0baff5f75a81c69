using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.Tests.Foundation;

/// <summary>
/// Clients act on a problem's <c>code</c>, never on its wording: every error answer of every endpoint has one, whoever
/// asks and whatever they send, and the README lists every code there is.
/// </summary>
public sealed partial class ProblemCodeTests(ProblemCodeTests.Apis apis) : IClassFixture<ProblemCodeTests.Apis>
{
    // Bodies a careless or hostile client sends: nothing, an empty object, the wrong JSON type, broken JSON.
    private static readonly string?[] Bodies = [null, "{}", "[]", "{\"userName\": 5}", "{not json"];

    /// <summary>The Api, and one over a database nobody listens on, where reading anything fails in a way no handler expects.</summary>
    public sealed class Apis(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        public ApiFactory WithoutDatabase { get; } = new(
            $"Host=127.0.0.1;Port={FreePort.Next()};Database=chatdb;Username=nobody;Password=nothing;Timeout=2",
            infrastructure.CreateRedisConnectionString());

        public override async ValueTask DisposeAsync()
        {
            await WithoutDatabase.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryErrorAnswerOfEveryDocumentedEndpointCarriesACode()
    {
        using var client = apis.Api.NewClient();
        var admin = await client.LoginAdminAsync();
        var member = await client.RegisterAndLoginAsync("member");
        var endpoints = apis.Api.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Where(d => d.HttpMethod is not null && d.RelativePath is not null)
            .Select(d => (Method: new HttpMethod(d.HttpMethod!), Path: "/" + RouteValue().Replace(d.RelativePath!, Guid.NewGuid().ToString())))
            .Distinct()
            .ToList();
        Assert.True(endpoints.Count >= 30, "the API documents its endpoints: " + endpoints.Count);

        var failures = new List<string>();
        var problems = 0;
        foreach (var (method, path) in endpoints)
        {
            // Logout would end the session the rest of the walk uses.
            if (path.EndsWith("/logout", StringComparison.Ordinal))
                continue;
            foreach (var token in new[] { null, "not-a-token", member.AccessToken, admin.AccessToken })
            {
                foreach (var body in method == HttpMethod.Get || method == HttpMethod.Delete ? [null] : Bodies)
                {
                    using var response = body is null
                        ? await client.SendJsonAsync(method, path, body: null, token)
                        : await client.SendRawAsync(method, path, body, token);
                    if ((int)response.StatusCode < 400)
                        continue;
                    problems++;
                    if (await CodeOfAsync(response) is not { Length: > 0 })
                        failures.Add($"{(int)response.StatusCode} {method} {path} body {body ?? "none"}: no code");
                }
            }
        }

        Assert.True(problems > endpoints.Count, $"the walk met error answers ({problems})");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing", HttpStatusCode.NotFound, ErrorCodes.NotFound)]
    [InlineData("DELETE", "/api/lounges", HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed)]
    [InlineData("GET", "/api/auth/me", HttpStatusCode.Unauthorized, ErrorCodes.AuthUnauthorized)]
    [InlineData("GET", "/api/admin/audit?action=a%00b", HttpStatusCode.BadRequest, ErrorCodes.RequestInvalid)]
    public async Task AnswersTheFrameworkWritesCarryTheCodeOfWhatHappened(string method, string path, HttpStatusCode status, string code)
    {
        using var client = apis.Api.NewClient();

        using var response = await client.SendJsonAsync(new HttpMethod(method), path, body: null);

        if (status != HttpStatusCode.MethodNotAllowed || response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            await AuthApi.ReadProblemAsync(response, status, code);
        else
            Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task AMemberAskingForAnAdminPageAndABrokenBodyGetTheirCodes()
    {
        using var client = apis.Api.NewClient();
        var member = await client.RegisterAndLoginAsync("member");

        using (var forbidden = await member.GetAsync("/api/admin/audit"))
            await AuthApi.ReadProblemAsync(forbidden, HttpStatusCode.Forbidden, ErrorCodes.AuthForbidden);
        using (var broken = await client.SendRawAsync(HttpMethod.Post, "/api/auth/login", "{not json"))
            await AuthApi.ReadProblemAsync(broken, HttpStatusCode.BadRequest, ErrorCodes.RequestInvalid);
        using (var invalid = await client.PostJsonAsync("/api/auth/register", new { userName = "x", password = "short" }))
        {
            var problem = await AuthApi.ReadProblemAsync(invalid, HttpStatusCode.BadRequest, ErrorCodes.RequestInvalid);
            Assert.Contains("UserName", problem.Errors.Keys);
            Assert.Contains("Password", problem.Errors.Keys);
        }
        using (var wrong = await client.PostJsonAsync("/api/auth/login", new { userName = member.User.UserName, password = "Not-The-Password-1" }))
            await AuthApi.ReadProblemAsync(wrong, HttpStatusCode.Unauthorized, ErrorCodes.AuthInvalidCredentials);
        using (var taken = await client.PostJsonAsync("/api/auth/register", new { userName = member.User.UserName, password = AuthApi.Password }))
            await AuthApi.ReadProblemAsync(taken, HttpStatusCode.Conflict, ErrorCodes.AuthNameTaken);
    }

    [Fact]
    public async Task AnUnexpectedFaultIsAProblemWithTheServerErrorCode()
    {
        using var client = apis.WithoutDatabase.NewClient();

        using var response = await client.GetAsync("/api/lounges", accessToken: null);

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.ServerError);
        Assert.DoesNotContain("Npgsql", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReadmeListsEveryErrorCode()
    {
        var readme = File.ReadAllText(Path.Combine(BuiltOutput.RepositoryRoot, "README.md"));
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.True(codes.Count >= 30, "ErrorCodes holds the codes: " + codes.Count);

        var missing = codes.Where(code => !readme.Contains($"| `{code}` |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md lacks " + string.Join(", ", missing));
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return null;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(AuthApi.Ct));
        return json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
    }

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex RouteValue();
}
