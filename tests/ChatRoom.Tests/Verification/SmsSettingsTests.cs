namespace ChatRoom.Tests.Verification;

/// <summary>Settings that would leak codes or could never send one stop the Api at start, saying what is wrong.</summary>
public sealed class SmsSettingsTests(TestInfrastructure infrastructure)
{
    [Theory]
    [InlineData("Development", "refused outside the Development environment")]
    [InlineData("Twilio", "Sms:Twilio:AccountSid, Sms:Twilio:AuthToken and Sms:Twilio:From")]
    [InlineData("Carrier pigeon", "Sms:Provider is Twilio, Development or empty")]
    public async Task TheApiDoesNotStartWithAProviderItCannotUse(string provider, string message)
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure, new Dictionary<string, string> { ["Sms:Provider"] = provider });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiDoesNotStartWithoutThePhoneKeys()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure, new Dictionary<string, string> { ["PhoneProtection:HashKey"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("PhoneProtection:HashKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAProviderPhoneVerificationSaysItIsNotAvailable()
    {
        await using var api = await ApiFactory.CreateAsync(infrastructure);
        var client = api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");

        using var refused = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = "+4915123456789" }, alice.AccessToken);

        await AuthApi.ReadProblemAsync(refused, HttpStatusCode.ServiceUnavailable, ErrorCodes.PhoneUnavailable);
    }
}
