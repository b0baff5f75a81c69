using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChatRoom.Tests.Verification;

/// <summary>
/// A member proves a phone number by typing back the code texted to it (through Twilio's client library, to a
/// local server that answers as Twilio does). Codes expire, attempts and requests are limited, a number belongs to
/// one account, and the number is stored encrypted.
/// </summary>
public sealed class PhoneVerificationTests(PhoneVerificationTests.Server server) : IClassFixture<PhoneVerificationTests.Server>
{
    private static int _nextNumber;

    public sealed class Server(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        public FakeTimeProvider FakeClock { get; } = new(DateTimeOffset.UtcNow);
        public FakeTwilio Twilio { get; private set; } = null!;

        protected override TimeProvider Clock => FakeClock;

        protected override (string Key, string Value)[] Settings => Twilio.Settings;

        public override async ValueTask InitializeAsync()
        {
            Twilio = await FakeTwilio.StartAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Twilio.DisposeAsync();
        }
    }

    private FakeTwilio Twilio => server.Twilio;

    /// <summary>A German mobile number no other test uses.</summary>
    private static string NewNumber() => $"+49151{23450000 + Interlocked.Increment(ref _nextNumber):D8}";

    [Fact]
    public async Task AMemberVerifiesTheirNumberWithTheCodeTextedToIt()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        var number = NewNumber();

        using var asked = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number[..6] + " " + number[6..] }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var sent = await asked.Content.ReadFromJsonAsync<SentAnswer>(AuthApi.Ct);
        Assert.Equal(number[^2..], sent!.LastDigits);
        var text = Assert.Single(Twilio.Sent, t => t.To == number);
        Assert.Equal(FakeTwilio.From, text.From);
        Assert.Matches("^[0-9]{6} is your ChatRoom code", text.Body);

        using var verified = await client.PostJsonAsync("/api/me/phone/verify", new { code = Twilio.CodeSentTo(number) }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);

        var me = await (await client.GetAsync("/api/auth/me", alice.AccessToken)).Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct);
        Assert.True(me!.PhoneVerified);
        Assert.Equal(number[^2..], me.PhoneLastDigits);
        // Both at the same moment of the test's clock: compared as a set.
        Assert.Equal(["user.phone_code_sent", "user.phone_verify"], (await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, alice.User.Id, "user.phone")).Order());
    }

    [Fact]
    public async Task TheNumberIsStoredEncryptedWithAKeyedHashAndOthersSeeOnlyThatItIsVerified()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        var bob = await client.RegisterAndLoginAsync("bob");
        var admin = await client.LoginAdminAsync();
        var number = await VerifyAsync(client, alice);

        await using (var db = new NpgsqlConnection(server.Api.DatabaseConnectionString))
        {
            await db.OpenAsync(AuthApi.Ct);
            await using var read = new NpgsqlCommand("SELECT phone_ciphertext, phone_hash FROM users WHERE id = @id", db);
            read.Parameters.AddWithValue("id", alice.User.Id);
            await using var row = await read.ExecuteReaderAsync(AuthApi.Ct);
            Assert.True(await row.ReadAsync(AuthApi.Ct));
            var stored = (byte[])row[0];
            Assert.DoesNotContain(number[1..], System.Text.Encoding.Latin1.GetString(stored));
            Assert.Equal(32, ((byte[])row[1]).Length);
        }

        var asBob = await (await client.GetAsync($"/api/users/{alice.User.Id}", bob.AccessToken)).Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct);
        var asAdmin = await (await client.GetAsync($"/api/users/{alice.User.Id}", admin.AccessToken)).Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct);
        Assert.True(asBob!.PhoneVerified);
        Assert.Null(asBob.PhoneLastDigits);
        Assert.Equal(number[^2..], asAdmin!.PhoneLastDigits);
    }

    [Fact]
    public async Task WrongCodesCountAndTheFifthEndsTheCode()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        var number = NewNumber();
        (await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number }, alice.AccessToken)).Dispose();
        var code = Twilio.CodeSentTo(number);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var left = 4; left >= 1; left--)
        {
            using var guess = await client.PostJsonAsync("/api/me/phone/verify", new { code = wrong }, alice.AccessToken);
            var problem = await AuthApi.ReadProblemAsync(guess, HttpStatusCode.BadRequest, ErrorCodes.PhoneCodeInvalid);
            Assert.Contains($"{left} attempt(s) left", problem.Detail);
        }
        using var fifth = await client.PostJsonAsync("/api/me/phone/verify", new { code = wrong }, alice.AccessToken);
        await AuthApi.ReadProblemAsync(fifth, HttpStatusCode.BadRequest, ErrorCodes.PhoneTooManyAttempts);
        using var right = await client.PostJsonAsync("/api/me/phone/verify", new { code }, alice.AccessToken);
        await AuthApi.ReadProblemAsync(right, HttpStatusCode.BadRequest, ErrorCodes.PhoneTooManyAttempts);
    }

    [Fact]
    public async Task ACodeExpiresAfterTenMinutesAndANewOneWaitsForTheCooldown()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        var number = NewNumber();
        (await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number }, alice.AccessToken)).Dispose();
        var code = Twilio.CodeSentTo(number);

        using (var again = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number }, alice.AccessToken))
        {
            await AuthApi.ReadProblemAsync(again, HttpStatusCode.TooManyRequests, ErrorCodes.PhoneCooldown);
            Assert.NotNull(again.Headers.RetryAfter);
        }

        server.FakeClock.Advance(TimeSpan.FromMinutes(10));
        using (var late = await client.PostJsonAsync("/api/me/phone/verify", new { code }, alice.AccessToken))
            await AuthApi.ReadProblemAsync(late, HttpStatusCode.BadRequest, ErrorCodes.PhoneCodeExpired);

        using (var fresh = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number }, alice.AccessToken))
            Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
        using var verified = await client.PostJsonAsync("/api/me/phone/verify", new { code = Twilio.CodeSentTo(number) }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task ANumberGetsAtMostFiveCodesAnHourWhoeverAsks()
    {
        var client = server.Api.NewClient();
        var number = NewNumber();
        for (var i = 0; i < 5; i++)
        {
            var member = await client.RegisterAndLoginAsync($"asker{i}");
            using var asked = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number }, member.AccessToken);
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }
        var sixth = await client.RegisterAndLoginAsync("asker5");
        using var refused = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number }, sixth.AccessToken);
        await AuthApi.ReadProblemAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.PhoneRateLimited);
        Assert.Equal(5, Twilio.Sent.Count(t => t.To == number));
    }

    [Fact]
    public async Task ANumberMovesToTheAccountThatProvesItAndBothChangesAreAudited()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        var bob = await client.RegisterAndLoginAsync("bob");
        var number = await VerifyAsync(client, alice);

        await VerifyAsync(client, bob, number);

        var aliceNow = await (await client.GetAsync("/api/auth/me", alice.AccessToken)).Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct);
        var bobNow = await (await client.GetAsync("/api/auth/me", bob.AccessToken)).Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct);
        Assert.False(aliceNow!.PhoneVerified);
        Assert.True(bobNow!.PhoneVerified);
        Assert.Contains("user.phone_moved", await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, alice.User.Id, "user.phone"));
    }

    [Fact]
    public async Task RemovingTheNumberIsAuditedAndThereIsNothingToRemoveTwice()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        await VerifyAsync(client, alice);

        using (var removed = await client.SendJsonAsync(HttpMethod.Delete, "/api/me/phone", null, alice.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            Assert.False((await removed.Content.ReadFromJsonAsync<UserResponse>(AuthApi.Ct))!.PhoneVerified);
        }
        using var again = await client.SendJsonAsync(HttpMethod.Delete, "/api/me/phone", null, alice.AccessToken);
        await AuthApi.ReadProblemAsync(again, HttpStatusCode.NotFound, ErrorCodes.PhoneNone);
        Assert.Contains("user.phone_remove", await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, alice.User.Id, "user.phone"));
    }

    [Theory]
    [InlineData("12345", null, ErrorCodes.PhoneInvalid)]
    [InlineData("+49 30 12345678", null, ErrorCodes.PhoneUnsupported)]
    [InlineData("0151 23456789", null, ErrorCodes.PhoneInvalid)]
    [InlineData("not a number", null, ErrorCodes.PhoneInvalid)]
    public async Task NumbersThatCannotTakeATextAreRefusedWithTheirCode(string phoneNumber, string? region, string code)
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        using var refused = await client.PostJsonAsync("/api/me/phone", new { phoneNumber, region }, alice.AccessToken);
        await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task ANationalNumberIsReadInTheRegionGiven()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        var number = NewNumber();
        using var asked = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = "0" + number[3..], region = "de" }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Contains(Twilio.Sent, t => t.To == number);
    }

    [Theory]
    [InlineData("{\"phoneNumber\": \"+4915123456789\", \"region\": \"XX\"}", "Region")]
    [InlineData("{}", "PhoneNumber")]
    public async Task BadRequestsNameTheField(string json, string field)
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        using var refused = await client.SendRawAsync(HttpMethod.Post, "/api/me/phone", json, alice.AccessToken);
        var problem = await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.RequestInvalid);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345a")]
    [InlineData("1234567")]
    public async Task ACodeIsSixDigits(string code)
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        using var refused = await client.PostJsonAsync("/api/me/phone/verify", new { code }, alice.AccessToken);
        var problem = await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.RequestInvalid);
        Assert.Contains("Code", problem.Errors.Keys);
    }

    [Fact]
    public async Task GuestsMustRegisterBeforeVerifyingAPhone()
    {
        var client = server.Api.NewClient();
        var guest = await client.GuestAsync();
        using var refused = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = NewNumber() }, guest.AccessToken);
        await AuthApi.ReadProblemAsync(refused, HttpStatusCode.Forbidden, ErrorCodes.PhoneGuest);
    }

    [Fact]
    public async Task ANumberTwilioWillNotTextIsRefusedAndCostsNoWaiting()
    {
        var client = server.Api.NewClient();
        var alice = await client.RegisterAndLoginAsync("alice");
        var refusedNumber = NewNumber();
        Twilio.Refused[refusedNumber] = true;

        using (var refused = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = refusedNumber }, alice.AccessToken))
            await AuthApi.ReadProblemAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.PhoneNumberRefused);
        using var another = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = NewNumber() }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.Accepted, another.StatusCode);
    }

    private async Task<string> VerifyAsync(HttpClient client, Session member, string? number = null)
    {
        number ??= NewNumber();
        server.FakeClock.Advance(TimeSpan.FromMinutes(2)); // past any cooldown of an earlier request
        using (var asked = await client.PostJsonAsync("/api/me/phone", new { phoneNumber = number }, member.AccessToken))
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using var verified = await client.PostJsonAsync("/api/me/phone/verify", new { code = Twilio.CodeSentTo(number) }, member.AccessToken);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return number;
    }

    private sealed record SentAnswer(string LastDigits, DateTimeOffset ExpiresAt, DateTimeOffset ResendAfter);
}
