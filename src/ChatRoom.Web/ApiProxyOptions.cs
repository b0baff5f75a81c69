namespace ChatRoom.Web;

public sealed class ApiProxyOptions
{
    public const string SectionName = "ApiProxy";

    /// <summary>
    /// Where an AppHost (and run.sh, the tests, any other host) puts the Api replicas' base addresses, in Aspire's
    /// service-discovery shape: <c>services:api:http:0</c>, <c>:1</c>, ... and <c>services:api:https:N</c>
    /// (env <c>services__api__http__0</c>, ...).
    /// </summary>
    public const string ServiceSection = "services:api";

    public const string InvalidAddressesMessage =
        "services:api:http:N (or services:api:https:N) must hold at least one Api address, and each must be an " +
        "absolute http(s) base address, e.g. http://localhost:5180. Set the environment variable " +
        "services__api__http__0 (and services__api__http__1, ... for more replicas); run.sh and the AppHost do this for you.";

    public const string InvalidIntervalMessage =
        $"{SectionName}:{nameof(HealthCheckInterval)} must be between 00:00:00.1 and 00:05:00.";

    /// <summary>Every configured Api address, in configuration order; read from <see cref="ServiceSection"/>.</summary>
    public IReadOnlyList<string> Addresses { get; set; } = [];

    /// <summary>How often the Web probes every Api replica's <c>/alive</c>.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool HasValidAddresses => Addresses.Count > 0 && Addresses.All(IsHttpAddress);

    public bool HasValidInterval =>
        HealthCheckInterval >= TimeSpan.FromMilliseconds(100) && HealthCheckInterval <= TimeSpan.FromMinutes(5);

    private static readonly string[] Schemes = ["http", "https"];

    /// <summary>The http addresses first, then the https ones, each by index; duplicates once.</summary>
    public static IEnumerable<string> ReadAddresses(IConfiguration configuration)
    {
        var service = configuration.GetSection(ServiceSection);
        return Schemes
            .SelectMany(scheme => service.GetSection(scheme).GetChildren()
                .OrderBy(entry => int.TryParse(entry.Key, out var index) ? index : int.MaxValue)
                .ThenBy(entry => entry.Key, StringComparer.Ordinal))
            .Select(entry => entry.Value?.Trim())
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsHttpAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
