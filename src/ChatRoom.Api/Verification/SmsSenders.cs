using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace ChatRoom.Api.Verification;

/// <summary>Text messages to phones. A failure says whether the number or the provider is at fault.</summary>
public interface ISmsSender
{
    Task SendAsync(string toE164, string text, CancellationToken cancellationToken);
}

/// <summary>The provider refused the number itself (not a mobile, unreachable, blocked): the user should try another.</summary>
public sealed class SmsNumberRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider could not be reached or refused the installation's request: nothing the user can change.</summary>
public sealed class SmsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class SmsOptions
{
    public const string SectionName = "Sms";

    /// <summary><c>Twilio</c>, <c>Development</c> (the code goes to the log; refused outside Development), or empty: no texts.</summary>
    [RegularExpression("^(|Twilio|Development)$", ErrorMessage = "Sms:Provider is Twilio, Development or empty.")]
    public string Provider { get; set; } = "";

    public TwilioSmsOptions Twilio { get; set; } = new();
}

public sealed class TwilioSmsOptions
{
    public string AccountSid { get; set; } = "";
    public string AuthToken { get; set; } = "";

    /// <summary>The sending number in E.164, or a Messaging Service SID (MG...).</summary>
    public string From { get; set; } = "";

    /// <summary>Where Twilio's REST API answers; another address only for a proxy or a test double.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.twilio.com");
}

/// <summary>Twilio's Messages API through its own client library, over an <see cref="HttpClient"/> from the factory.</summary>
public sealed class TwilioSmsSender(IHttpClientFactory http, IOptions<SmsOptions> options, ILogger<TwilioSmsSender> logger) : ISmsSender
{
    public const string HttpClientName = "twilio";

    // Twilio's codes for a number that cannot take the message; anything else is the provider's or ours.
    private static readonly HashSet<int> NumberErrors = [21211, 21214, 21408, 21610, 21612, 21614, 30003, 30005, 30006];

    public async Task SendAsync(string toE164, string text, CancellationToken cancellationToken)
    {
        var settings = options.Value.Twilio;
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken,
            httpClient: new Twilio.Http.SystemNetHttpClient(http.CreateClient(HttpClientName)));
        var message = new CreateMessageOptions(new PhoneNumber(toE164)) { Body = text };
        if (settings.From.StartsWith("MG", StringComparison.Ordinal))
            message.MessagingServiceSid = settings.From;
        else
            message.From = new PhoneNumber(settings.From);
        try
        {
            var sent = await MessageResource.CreateAsync(message, client);
            logger.LogInformation("Text message {Sid} to a number ending {LastDigits} accepted by Twilio ({Status})", sent.Sid, toE164[^2..], sent.Status);
        }
        catch (ApiException ex) when (NumberErrors.Contains(ex.Code))
        {
            throw new SmsNumberRefusedException($"Twilio refused the number: {ex.Message}", ex);
        }
        catch (ApiException ex)
        {
            logger.LogError(ex, "Twilio refused a text message (code {Code}, status {Status})", ex.Code, ex.Status);
            throw new SmsUnavailableException("Twilio refused the text message.", ex);
        }
        catch (ApiConnectionException ex)
        {
            logger.LogError(ex, "Twilio could not be reached");
            throw new SmsUnavailableException("Twilio could not be reached.", ex);
        }
    }

    /// <summary>Sends Twilio's requests to <see cref="TwilioSmsOptions.BaseAddress"/> (the library builds api.twilio.com addresses).</summary>
    public sealed class BaseAddressHandler(IOptions<SmsOptions> options) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = options.Value.Twilio.BaseAddress;
            if (request.RequestUri is { } uri)
                request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>For a laptop: the text goes to the service's log (and so to the Aspire dashboard). Refused outside Development.</summary>
public sealed class DevelopmentSmsSender(ILogger<DevelopmentSmsSender> logger) : ISmsSender
{
    public Task SendAsync(string toE164, string text, CancellationToken cancellationToken)
    {
        logger.LogWarning("Development text message to {To}: {Text}", toE164, text);
        return Task.CompletedTask;
    }
}

/// <summary>No provider configured: phone verification answers that it is not available here.</summary>
public sealed class NoSmsSender : ISmsSender
{
    public Task SendAsync(string toE164, string text, CancellationToken cancellationToken) =>
        throw new SmsUnavailableException("This installation has no text message provider (Sms:Provider).");
}
