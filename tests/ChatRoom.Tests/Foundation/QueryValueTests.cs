using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.Tests.Foundation;

/// <summary>
/// Every GET endpoint the API documents, every one of its query parameters, and values a careless or hostile
/// client sends: none may cost a 500, and text PostgreSQL cannot hold is refused at the edge.
/// </summary>
public sealed class QueryValueTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] BadValues =
    [
        "%00", "a%00b", "AA", "AAAA", "%FF%FE", "-1", "0", "99999999999999999999", "1e400", "not-a-guid",
        "00000000-0000-0000-0000-000000000000", "9999-99-99", "", "%20", new string('x', 5000), "%C0%80", "..%2F..%2F",
    ];

    [Fact]
    public async Task NoBadQueryValueOnAnyGetEndpointCostsAServerError()
    {
        using var client = fixture.Api.NewClient();
        var admin = await client.LoginAdminAsync();
        var endpoints = GetEndpointsWithQueryParameters(fixture.Api.Services);
        Assert.True(endpoints.Count >= 5, "the API documents its paged lists: " + string.Join(", ", endpoints.Keys));

        var failures = new List<string>();
        foreach (var (path, parameters) in endpoints)
        {
            foreach (var parameter in parameters)
            {
                foreach (var value in BadValues)
                {
                    var url = $"{path}?{parameter}={value}";
                    using var response = await client.GetAsync(url, admin.AccessToken);
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{(int)response.StatusCode} {url[..Math.Min(url.Length, 120)]}");
                    else if (value.Contains("%00", StringComparison.Ordinal) && response.StatusCode != HttpStatusCode.BadRequest)
                        failures.Add($"{(int)response.StatusCode} (not 400) {url}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task ANulInAQueryValueIsAProblemThatNamesTheParameter()
    {
        using var client = fixture.Api.NewClient();
        var admin = await client.LoginAdminAsync();

        using var response = await client.GetAsync("/api/admin/audit?action=a%00b", admin.AccessToken);

        var problem = await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("action", problem.Errors.Keys);
    }

    // Route values get a well-formed id, so each request reaches the handler's reading of the query.
    private static Dictionary<string, List<string>> GetEndpointsWithQueryParameters(IServiceProvider services) =>
        services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Where(d => d.HttpMethod == "GET" && d.RelativePath is not null)
            .Select(d => (
                Path: "/" + System.Text.RegularExpressions.Regex.Replace(d.RelativePath!, "{[^}]+}", Guid.NewGuid().ToString()),
                Query: d.ParameterDescriptions.Where(p => p.Source == BindingSource.Query || p.Source == BindingSource.ModelBinding)
                    .Select(p => p.Name).ToList()))
            .Where(e => e.Query.Count > 0)
            .GroupBy(e => e.Path)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Query).Distinct().ToList());
}
