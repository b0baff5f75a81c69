using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace ChatRoom.Data.Identity;

public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";

    /// <summary>Argon2id memory in KiB; OWASP's minimum is 19 MiB.</summary>
    [Range(19 * 1024, 4 * 1024 * 1024)]
    public int MemoryKiB { get; set; } = 19 * 1024;

    /// <summary>Argon2id passes; OWASP's minimum with 19 MiB is 2.</summary>
    [Range(2, 100)]
    public int Iterations { get; set; } = 2;

    /// <summary>
    /// How many hashes the Api runs at once; the rest wait in line. 0 means one per core the process may use
    /// (<see cref="Environment.ProcessorCount"/>, which follows CPU affinity and container limits).
    /// </summary>
    [Range(0, 256)]
    public int Concurrency { get; set; }
}

/// <summary>
/// Argon2id through libsodium (NSec). Hashes are PHC strings
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>) so the parameters travel with each hash and can be
/// raised later: <see cref="NeedsRehash"/> tells the login path to store a stronger hash.
/// </summary>
public sealed class PasswordHasher(PasswordHashingOptions options)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Prefix = "$argon2id$v=19$";

    private readonly Lazy<string> _dummyHash = new(() => new PasswordHasher(options).Hash("not a real password, only for timing"));

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, options.MemoryKiB, options.Iterations, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={options.MemoryKiB},t={options.Iterations},p=1${Encode(salt)}${Encode(hash)}");
    }

    public bool Verify(string password, string encodedHash)
    {
        if (!TryParse(encodedHash, out var memory, out var iterations, out var salt, out var expected))
            return false;
        var actual = Derive(password, salt, memory, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// Spends the same time as a real verification, for logins of unknown users: the answer must not
    /// reveal whether the account exists. Always false.
    /// </summary>
    public bool VerifyDummy(string password) => Verify(password, _dummyHash.Value) && false;

    public bool NeedsRehash(string encodedHash) =>
        !TryParse(encodedHash, out var memory, out var iterations, out _, out _) ||
        memory < options.MemoryKiB || iterations < options.Iterations;

    private static byte[] Derive(string password, byte[] salt, int memoryKiB, int iterations, int length)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1, // libsodium supports only p=1
            MemorySize = memoryKiB,
            NumberOfPasses = iterations,
        });
        return algorithm.DeriveBytes(password, salt, length);
    }

    private static bool TryParse(string encoded, out int memory, out int iterations, out byte[] salt, out byte[] hash)
    {
        memory = iterations = 0;
        salt = hash = [];
        if (!encoded.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3)
            return false;
        foreach (var parameter in parts[0].Split(','))
        {
            var (name, value) = (parameter.Split('=')[0], parameter.Split('=').ElementAtOrDefault(1));
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return false;
            switch (name)
            {
                case "m": memory = number; break;
                case "t": iterations = number; break;
                case "p" when number == 1: break;
                default: return false;
            }
        }
        try
        {
            salt = Decode(parts[1]);
            hash = Decode(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        return memory > 0 && iterations > 0 && salt.Length == SaltBytes && hash.Length >= 16;
    }

    // PHC strings use unpadded standard base64.
    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] Decode(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
