using System.Security.Cryptography;
using ChatRoom.Api.Verification;
using Microsoft.Extensions.Options;

namespace ChatRoom.Tests.Verification;

/// <summary>Numbers at rest: only their owner's row decrypts them, a changed byte is noticed, and keys can rotate.</summary>
public sealed class PhoneProtectionTests
{
    private const string Number = "+4915123456789";
    private static readonly Guid Alice = Guid.NewGuid();

    private static PhoneProtection With(string currentKeyId, params (string Id, string Secret)[] keys) => new(Options.Create(new PhoneProtectionOptions
    {
        Keys = keys.ToDictionary(k => k.Id, k => k.Secret),
        CurrentKeyId = currentKeyId,
        HashKey = "hash-key-of-at-least-thirty-two-bytes-0123456789",
    }));

    private static readonly (string, string) KeyOne = ("1", "first-key-of-at-least-thirty-two-bytes-0123456789");
    private static readonly (string, string) KeyTwo = ("2", "second-key-of-at-least-thirty-two-bytes-012345678");

    [Fact]
    public void ANumberDecryptsOnlyForItsOwner()
    {
        var protection = With("1", KeyOne);
        var stored = protection.Encrypt(Number, Alice);

        Assert.Equal(Number, protection.Decrypt(stored, Alice));
        Assert.ThrowsAny<CryptographicException>(() => protection.Decrypt(stored, Guid.NewGuid()));
        Assert.NotEqual(stored, protection.Encrypt(Number, Alice));
    }

    [Fact]
    public void AChangedByteIsNoticed()
    {
        var protection = With("1", KeyOne);
        var stored = protection.Encrypt(Number, Alice);
        stored[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protection.Decrypt(stored, Alice));
    }

    [Fact]
    public void AfterRotationOldNumbersStillDecryptAndNewOnesUseTheNewKey()
    {
        var before = With("1", KeyOne).Encrypt(Number, Alice);
        var rotated = With("2", KeyOne, KeyTwo);

        Assert.Equal(Number, rotated.Decrypt(before, Alice));
        Assert.True(rotated.IsStale(before));
        Assert.False(rotated.IsStale(rotated.Encrypt(Number, Alice)));
        Assert.ThrowsAny<CryptographicException>(() => With("2", KeyTwo).Decrypt(before, Alice));
    }

    [Fact]
    public void TheHashFindsTheNumberWhateverTheKeyAndDiffersPerNumber()
    {
        Assert.Equal(With("1", KeyOne).Hash(Number), With("2", KeyOne, KeyTwo).Hash(Number));
        Assert.NotEqual(With("1", KeyOne).Hash(Number), With("1", KeyOne).Hash("+4915123456788"));
    }

    [Theory]
    [InlineData("1", "short", "hash-key-of-at-least-thirty-two-bytes-0123456789", "shorter than 32 bytes")]
    [InlineData("9", "first-key-of-at-least-thirty-two-bytes-0123456789", "hash-key-of-at-least-thirty-two-bytes-0123456789", "CurrentKeyId '9'")]
    [InlineData("1", "first-key-of-at-least-thirty-two-bytes-0123456789", "", "HashKey")]
    public void BadKeysStopTheServiceWithAClearMessage(string current, string key, string hashKey, string message)
    {
        var result = new PhoneProtection.Validation().Validate(null,
            new PhoneProtectionOptions { Keys = new() { ["1"] = key }, CurrentKeyId = current, HashKey = hashKey });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }
}
