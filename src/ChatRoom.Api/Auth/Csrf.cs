using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Auth;

/// <summary>
/// Signed double-submit tokens: <c>nonce.mac</c> with the MAC over the session family, so a token works
/// only for the session it was issued to. The browser sends it twice, as the cookie and as the
/// <c>X-CSRF-Token</c> header; another site can make the browser send the cookie, never read it.
/// </summary>
public sealed class Csrf(IOptions<JwtOptions> options)
{
    public const string HeaderName = "X-CSRF-Token";

    // A key of its own, derived from the signing key, so a CSRF MAC can never pass as anything else.
    private readonly byte[] _key = HMACSHA256.HashData(
        Encoding.UTF8.GetBytes(options.Value.SigningKey ?? ""), "chatroom-csrf-v1"u8);

    public string Issue(Guid familyId)
    {
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        return $"{nonce}.{Mac(familyId, nonce)}";
    }

    /// <summary>True when header and cookie agree and were issued for this session family.</summary>
    public bool IsValid(Guid familyId, string? header, string? cookie)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(cookie) ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(cookie)))
            return false;
        var dot = header.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
            return false;
        var expected = Mac(familyId, header[..dot]);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[(dot + 1)..]), Encoding.UTF8.GetBytes(expected));
    }

    private string Mac(Guid familyId, string nonce) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{familyId:N}|{nonce}")));
}
