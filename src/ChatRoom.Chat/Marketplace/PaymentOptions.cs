using System.ComponentModel.DataAnnotations;

namespace ChatRoom.Chat.Marketplace;

public sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    /// <summary>
    /// <c>Stripe</c>; <c>Development</c> (a local checkout page that pays nothing, refused outside Development); or
    /// empty: nothing can be bought.
    /// </summary>
    [RegularExpression("^(|Stripe|Development)$", ErrorMessage = "Payments:Provider is Stripe, Development or empty.")]
    public string Provider { get; set; } = "";

    /// <summary>How long a listing is held for a buyer who has not paid yet; the provider's checkout ends with it.</summary>
    [Range(typeof(TimeSpan), "00:30:00", "1.00:00:00", ErrorMessage = "Payments:ReservationTime is from 30 minutes (Stripe's least) to a day.")]
    public TimeSpan ReservationTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The site's public address (e.g. https://chat.example.com), where the provider sends the buyer back after paying.
    /// Needed for Stripe; the development provider's page is on the site itself.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    public StripeOptions Stripe { get; set; } = new();

    /// <summary>The development provider signs its events with this secret; a random one per process when empty.</summary>
    public string DevelopmentWebhookSecret { get; set; } = "";
}

public static class PaymentProviderNames
{
    public const string Stripe = "Stripe";
    public const string Development = "Development";
}

public sealed class StripeOptions
{
    /// <summary>The secret API key (<c>sk_live_...</c> or <c>sk_test_...</c>).</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secret (<c>whsec_...</c>).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Where Stripe's API answers; another address only for a proxy or a test double.</summary>
    public Uri ApiBase { get; set; } = new("https://api.stripe.com");
}
