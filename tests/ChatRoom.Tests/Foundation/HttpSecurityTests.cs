namespace ChatRoom.Tests.Foundation;

public sealed class HttpSecurityTests(HttpSecurityTests.Apis apis) : IClassFixture<HttpSecurityTests.Apis>
{
    private const string PartnerOrigin = "https://chat.partner.example";

    /// <summary>An Api as installed by default, and one that lets a partner's site call it.</summary>
    public sealed class Apis(TestInfrastructure infrastructure) : IAsyncLifetime
    {
        private readonly ApiFixture _plain = new(infrastructure);
        private readonly ApiFixture _withPartner = new PartnerFixture(infrastructure);

        public ApiFactory Plain => _plain.Api;

        public ApiFactory WithPartner => _withPartner.Api;

        public async ValueTask InitializeAsync()
        {
            await _plain.InitializeAsync();
            await _withPartner.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _plain.DisposeAsync();
            await _withPartner.DisposeAsync();
        }
    }

    private sealed class PartnerFixture(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => [("Cors:AllowedOrigins:0", PartnerOrigin)];
    }

    [Fact]
    public async Task ApiAnswersCarryTheSecurityHeaders()
    {
        using var client = apis.Plain.CreateClient();

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
        using var client = apis.WithPartner.CreateClient();

        using var partner = await PreflightAsync(client, PartnerOrigin);
        using var stranger = await PreflightAsync(client, "https://evil.example");

        Assert.Equal(PartnerOrigin, partner.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", partner.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task WithoutConfiguredOriginsNoCrossOriginCallIsAllowed()
    {
        using var client = apis.Plain.CreateClient();

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
