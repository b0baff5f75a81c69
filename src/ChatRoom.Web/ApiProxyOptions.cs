namespace ChatRoom.Web;

public sealed class ApiProxyOptions
{
    /// <summary>Where the AppHost (and run.sh) put the Api's base address: env <c>services__api__http__0</c>.</summary>
    public const string AddressKey = "services:api:http:0";

    public const string InvalidAddressMessage =
        $"{AddressKey} must be the Api's absolute http(s) base address, e.g. http://localhost:5180. " +
        "Set the environment variable services__api__http__0 (run.sh and the AppHost do this for you).";

    public string? Address { get; set; }

    public bool IsValid =>
        Uri.TryCreate(Address, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
