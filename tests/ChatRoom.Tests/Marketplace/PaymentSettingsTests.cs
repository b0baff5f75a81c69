using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Marketplace;

/// <summary>Payment settings that would take no money where money is expected, or could never take any, stop the Api at start.</summary>
public sealed class PaymentSettingsTests(TestInfrastructure infrastructure)
{
    [Theory]
    [InlineData("Development", "refused outside the Development environment")]
    [InlineData("Stripe", "Payments:Stripe:SecretKey, Payments:Stripe:WebhookSecret and Payments:PublicUrl")]
    [InlineData("Cash", "Payments:Provider is Stripe, Development or empty")]
    public async Task TheApiDoesNotStartWithAPaymentProviderItCannotUse(string provider, string message)
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure, new Dictionary<string, string> { ["Payments:Provider"] = provider });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAProviderNothingCanBeBoughtAndTheWebhookTakesNoEvents()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure);
        var client = api.NewClient();
        var buyer = await client.RegisterAndLoginAsync("buyer");

        using (var refused = await client.PostJsonAsync($"/api/marketplace/listings/{Guid.NewGuid()}/purchase", new { }, buyer.AccessToken))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.ServiceUnavailable, ErrorCodes.PaymentUnavailable);
        // No secret is configured: no signature can match.
        using var unsigned = await FakeStripe.DeliverAsync(client, """{"id":"evt_1","object":"event","type":"charge.refunded","data":{"object":{}}}""", secret: "");
        await AuthApi.ReadProblemAsync(unsigned, HttpStatusCode.BadRequest, ErrorCodes.PaymentSignatureInvalid);
    }
}
