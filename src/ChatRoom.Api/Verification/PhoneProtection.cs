using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Verification;

public sealed class PhoneProtectionOptions
{
    public const string SectionName = "PhoneProtection";

    /// <summary>
    /// Secrets by key id, each at least 32 bytes: <see cref="CurrentKeyId"/>'s encrypts, every one listed decrypts. To
    /// rotate, add a key, make it current, and keep the old one until no number is encrypted with it any more.
    /// </summary>
    [Required, MinLength(1)]
    public Dictionary<string, string> Keys { get; set; } = [];

    [Required]
    public string CurrentKeyId { get; set; } = "";

    /// <summary>
    /// Keys the hashes that find a number and check a code: at least 32 bytes. Never rotated in place: a new one
    /// would make every stored number unfindable.
    /// </summary>
    [Required]
    public string HashKey { get; set; } = "";
}

/// <summary>
/// Phone numbers at rest: AES-256-GCM with a key from configuration, bound to the user they belong to (a ciphertext
/// copied to another row does not decrypt), and an HMAC-SHA256 of the E.164 form that finds a number and keeps it to
/// one account without decrypting anything. Codes are kept as HMACs too, bound to their challenge.
/// </summary>
public sealed class PhoneProtection
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    public const int MinimumSecretBytes = 32;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;
    private readonly byte[] _hashKey;

    public PhoneProtection(IOptions<PhoneProtectionOptions> options)
    {
        var settings = options.Value;
        _keys = settings.Keys.ToDictionary(k => k.Key, k => Derive(k.Value, "ChatRoom phone number encryption"));
        _currentKeyId = settings.CurrentKeyId;
        _hashKey = Derive(settings.HashKey, "ChatRoom phone number hashing");
    }

    public byte[] Hash(string e164) => HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes("phone:" + e164));

    public byte[] HashCode(Guid challengeId, string code) => HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes($"code:{challengeId:N}:{code}"));

    public byte[] Encrypt(string e164, Guid userId)
    {
        var keyId = Encoding.UTF8.GetBytes(_currentKeyId);
        var plain = Encoding.UTF8.GetBytes(e164);
        var sealedNumber = new byte[2 + keyId.Length + NonceSize + TagSize + plain.Length];
        sealedNumber[0] = Version;
        sealedNumber[1] = (byte)keyId.Length;
        keyId.CopyTo(sealedNumber, 2);
        var nonce = sealedNumber.AsSpan(2 + keyId.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, plain, sealedNumber.AsSpan(2 + keyId.Length + NonceSize + TagSize), sealedNumber.AsSpan(2 + keyId.Length + NonceSize, TagSize),
            userId.ToByteArray());
        return sealedNumber;
    }

    /// <summary>The number, or an exception when the key is gone or the data was changed or belongs to another user.</summary>
    public string Decrypt(byte[] sealedNumber, Guid userId)
    {
        if (sealedNumber.Length < 2 || sealedNumber[0] != Version)
            throw new CryptographicException("Unknown phone number format.");
        var keyIdLength = sealedNumber[1];
        var keyId = Encoding.UTF8.GetString(sealedNumber, 2, keyIdLength);
        if (!_keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"The phone number key '{keyId}' is not configured.");
        var at = 2 + keyIdLength;
        var plain = new byte[sealedNumber.Length - at - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedNumber.AsSpan(at, NonceSize), sealedNumber.AsSpan(at + NonceSize + TagSize), sealedNumber.AsSpan(at + NonceSize, TagSize), plain,
            userId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Whether the number was encrypted with a key other than the current one (and wants re-encrypting).</summary>
    public bool IsStale(byte[] sealedNumber) =>
        sealedNumber.Length < 2 || Encoding.UTF8.GetString(sealedNumber, 2, sealedNumber[1]) != _currentKeyId;

    // A secret of any form (a generated password, base64) becomes a 256-bit key for one purpose.
    private static byte[] Derive(string secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>Stops the service at start with a clear message when the keys are missing or too short.</summary>
    public sealed class Validation : IValidateOptions<PhoneProtectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, PhoneProtectionOptions options)
        {
            var errors = new List<string>();
            if (options.Keys.Count == 0)
                errors.Add("PhoneProtection:Keys is empty. Set PhoneProtection__Keys__1 to a random secret of at least 32 bytes and PhoneProtection__CurrentKeyId to 1.");
            foreach (var (id, key) in options.Keys.Where(k => Encoding.UTF8.GetByteCount(k.Value) < MinimumSecretBytes))
                errors.Add($"PhoneProtection:Keys:{id} is shorter than {MinimumSecretBytes} bytes.");
            if (options.Keys.Keys.Any(id => id.Length is 0 or > 32))
                errors.Add("PhoneProtection:Keys ids are 1 to 32 characters.");
            if (options.Keys.Count > 0 && !options.Keys.ContainsKey(options.CurrentKeyId))
                errors.Add($"PhoneProtection:CurrentKeyId '{options.CurrentKeyId}' is not one of PhoneProtection:Keys.");
            if (Encoding.UTF8.GetByteCount(options.HashKey) < MinimumSecretBytes)
                errors.Add($"PhoneProtection:HashKey is not set or shorter than {MinimumSecretBytes} bytes.");
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
