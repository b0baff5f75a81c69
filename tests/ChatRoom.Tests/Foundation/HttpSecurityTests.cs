namespace ChatRoom.Tests.Foundation;

public sealed class HttpSecurityTests(TestInfrastructure infrastructure)
{
    private const string PartnerOrigin = "https://chat.partner.example";

    [Fact]
    public async Task ApiAnswersCarryTheSecurityHeaders()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure);
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/api/lounges", TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyConfiguredOriginsMayCallTheApiFromTheBrowserWithCredentials()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure, new Dictionary<string, string>
        {
            ["Cors:AllowedOrigins:0"] = PartnerOrigin,
        });
        using var client = api.CreateClient();

        using var partner = await PreflightAsync(client, PartnerOrigin);
        using var stranger = await PreflightAsync(client, "https://evil.example");

        Assert.Equal(PartnerOrigin, partner.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", partner.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task WithoutConfiguredOriginsNoCrossOriginCallIsAllowed()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure);
        using var client = api.CreateClient();

        using var response = await PreflightAsync(client, PartnerOrigin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
