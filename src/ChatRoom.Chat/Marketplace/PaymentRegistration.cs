using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatRoom.Chat.Marketplace;

public static class PaymentRegistration
{
    /// <summary>The payment provider the settings name, and how purchases settle; for the Api and the Worker.</summary>
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.SectionName).ValidateDataAnnotations()
            .Validate(payments => payments.Provider != PaymentProviderNames.Development || builder.Environment.IsDevelopment(),
                "Payments:Provider Development takes no money: it is refused outside the Development environment.")
            .Validate(payments => payments.Provider != PaymentProviderNames.Stripe ||
                    (payments.Stripe.SecretKey.Length > 0 && payments.Stripe.WebhookSecret.Length > 0 && payments.PublicUrl is { IsAbsoluteUri: true }),
                "Payments:Provider Stripe needs Payments:Stripe:SecretKey, Payments:Stripe:WebhookSecret and Payments:PublicUrl.")
            .ValidateOnStart();
        // Creating a checkout or a refund carries an idempotency key, and Stripe's library retries it itself.
#pragma warning disable EXTEXP0001 // experimental, and the one way to take the defaults' retry off a single client
        builder.Services.AddHttpClient(StripePayments.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<StripePayments>();
        builder.Services.AddSingleton<DevelopmentPayments>();
        builder.Services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<IOptions<PaymentOptions>>().Value.Provider switch
        {
            PaymentProviderNames.Stripe => sp.GetRequiredService<StripePayments>(),
            PaymentProviderNames.Development => sp.GetRequiredService<DevelopmentPayments>(),
            _ => new NoPayments(),
        });
        builder.Services.AddSingleton<WebhookSecret>();
        builder.Services.AddScoped<PurchaseSettlement>();
        return builder;
    }

    /// <summary>The provider's events (the webhook, and the development provider's own): the Api's part.</summary>
    public static IHostApplicationBuilder AddPaymentEvents(this IHostApplicationBuilder builder)
    {
        builder.AddPayments();
        builder.Services.AddScoped<PaymentWebhook>();
        builder.Services.AddScoped<DevelopmentEvents>();
        return builder;
    }
}
