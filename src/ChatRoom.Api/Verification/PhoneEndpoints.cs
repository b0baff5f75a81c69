using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Verification;

/// <summary><paramref name="Region"/>: where the number was typed, for numbers without + and a country code.</summary>
public sealed record SendPhoneCodeRequest([MustHave, Text(3, 40, Trim = true)] string? PhoneNumber, [PhoneRegion] string? Region);

public sealed record VerifyPhoneRequest([MustHave, SixDigits] string? Code);

public static class PhoneEndpoints
{
    public static IHostApplicationBuilder AddPhoneVerification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PhoneProtectionOptions>().BindConfiguration(PhoneProtectionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PhoneProtectionOptions>, PhoneProtection.Validation>();
        builder.Services.AddSingleton<PhoneProtection>();
        builder.Services.AddOptions<PhoneVerificationOptions>().BindConfiguration(PhoneVerificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PhoneVerification>();

        builder.Services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.SectionName).ValidateDataAnnotations()
            .Validate(sms => sms.Provider != "Development" || builder.Environment.IsDevelopment(),
                "Sms:Provider Development writes codes to the log: it is refused outside the Development environment.")
            .Validate(sms => sms.Provider != "Twilio" || (sms.Twilio.AccountSid.Length > 0 && sms.Twilio.AuthToken.Length > 0 && sms.Twilio.From.Length > 0),
                "Sms:Provider Twilio needs Sms:Twilio:AccountSid, Sms:Twilio:AuthToken and Sms:Twilio:From.")
            .ValidateOnStart();
        builder.Services.AddTransient<TwilioSmsSender.BaseAddressHandler>();
        // Sending a text is not idempotent: no retries (the user asks again after the cooldown).
#pragma warning disable EXTEXP0001 // experimental, and the one way to take the defaults' retry off a single client
        builder.Services.AddHttpClient(TwilioSmsSender.HttpClientName)
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<TwilioSmsSender.BaseAddressHandler>();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<TwilioSmsSender>();
        builder.Services.AddSingleton<DevelopmentSmsSender>();
        builder.Services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value.Provider switch
        {
            "Twilio" => sp.GetRequiredService<TwilioSmsSender>(),
            "Development" => sp.GetRequiredService<DevelopmentSmsSender>(),
            _ => new NoSmsSender(),
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapPhoneVerification(this IEndpointRouteBuilder app)
    {
        var phone = app.MapGroup("/api/me/phone").WithTags("Verification").RequireAuthorization();
        phone.MapPost("/", SendCode).ProducesValidationProblem()
            .WithSummary("Sends a six-digit code by text message to the number, to prove the account receives its messages.");
        phone.MapPost("/verify", Verify).ProducesValidationProblem()
            .WithSummary("Checks the code: the number becomes the account's verified phone (moving from any account that had it).");
        phone.MapDelete("/", Remove).WithSummary("Removes the account's phone number.");
        return app;
    }

    private static Task<Results<Accepted<PhoneCodeSent>, ValidationProblem, ProblemHttpResult>> SendCode(
        SendPhoneCodeRequest request, PhoneVerification phones, HttpContext http, CancellationToken ct) =>
        phones.SendCodeAsync(http.User.UserId(), request.PhoneNumber!, request.Region, http, ct);

    private static Task<Results<Ok<UserResponse>, ProblemHttpResult>> Verify(
        VerifyPhoneRequest request, PhoneVerification phones, HttpContext http, CancellationToken ct) =>
        phones.VerifyAsync(http.User.UserId(), request.Code!, http.ClientIp(), ct);

    private static Task<Results<Ok<UserResponse>, ProblemHttpResult>> Remove(PhoneVerification phones, HttpContext http, CancellationToken ct) =>
        phones.RemoveAsync(http.User.UserId(), http.ClientIp(), ct);
}
