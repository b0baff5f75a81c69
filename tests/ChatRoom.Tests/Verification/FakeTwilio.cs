using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatRoom.Tests.Verification;

/// <summary>
/// A local stand-in for Twilio's Messages API, answering as Twilio documents it: <c>POST
/// /2010-04-01/Accounts/{AccountSid}/Messages.json</c> with HTTP basic auth (account SID and auth token) and the form
/// fields <c>To</c>, <c>From</c> or <c>MessagingServiceSid</c>, and <c>Body</c>; 201 with the message resource, or an
/// error object (<c>code</c>, <c>message</c>, <c>more_info</c>, <c>status</c>): 20003 for bad credentials, 21211 for a
/// number it will not text.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-auth-token";
    public const string From = "+15005550006";

    private readonly WebApplication _app;

    public sealed record Text(string To, string From, string Body);

    private FakeTwilio(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Every text accepted, in order.</summary>
    public ConcurrentQueue<Text> Sent { get; } = new();

    /// <summary>Numbers answered with error 21211 (not a valid phone number).</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new();

    /// <summary>The Api's settings that send its texts here.</summary>
    public (string Key, string Value)[] Settings =>
    [
        ("Sms:Provider", "Twilio"), ("Sms:Twilio:AccountSid", AccountSid), ("Sms:Twilio:AuthToken", AuthToken),
        ("Sms:Twilio:From", From), ("Sms:Twilio:BaseAddress", Address.ToString()),
    ];

    /// <summary>The code in the latest text to <paramref name="to"/>.</summary>
    public string CodeSentTo(string to) =>
        Sent.Reverse().First(t => t.To == to).Body[..6];

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var twilio = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", twilio.CreateMessage);
        await app.StartAsync();
        twilio.Address = new Uri(app.Urls.First());
        return twilio;
    }

    private async Task<IResult> CreateMessage(string sid, HttpRequest request)
    {
        if (!Authenticated(request, sid))
            return Error(20003, "Authenticate", StatusCodes.Status401Unauthorized);
        if (!request.HasFormContentType)
            return Error(20001, "Request must be form encoded", StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync();
        string to = form["To"].ToString(), from = form["From"].ToString(), body = form["Body"].ToString();
        if (to.Length == 0)
            return Error(21604, "A 'To' phone number is required.", StatusCodes.Status400BadRequest);
        if (from.Length == 0 && form["MessagingServiceSid"].ToString().Length == 0)
            return Error(21603, "A 'From' phone number is required.", StatusCodes.Status400BadRequest);
        if (body.Length == 0)
            return Error(21602, "Message body is required.", StatusCodes.Status400BadRequest);
        if (Refused.ContainsKey(to))
            return Error(21211, $"The 'To' number {to} is not a valid phone number.", StatusCodes.Status400BadRequest);
        Sent.Enqueue(new Text(to, from, body));
        var messageSid = "SM" + Guid.NewGuid().ToString("N");
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = messageSid,
            ["account_sid"] = sid,
            ["to"] = to,
            ["from"] = from,
            ["body"] = body,
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["price"] = null,
            ["error_code"] = null,
            ["date_created"] = DateTimeOffset.UtcNow.ToString("r"),
            ["uri"] = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}.json",
        }, statusCode: StatusCodes.Status201Created);
    }

    private static bool Authenticated(HttpRequest request, string sid) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Scheme == "Basic" && header.Parameter is { } value &&
        Encoding.UTF8.GetString(Convert.FromBase64String(value)) == $"{AccountSid}:{AuthToken}" && sid == AccountSid;

    private static IResult Error(int code, string message, int status) => Results.Json(new Dictionary<string, object>
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
