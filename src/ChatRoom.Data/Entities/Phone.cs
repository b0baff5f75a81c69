namespace ChatRoom.Data.Entities;

/// <summary>
/// A code sent by text message to prove that the user receives the number's messages. Only a keyed hash of the
/// code is kept, and the number as the user's own: encrypted, with a keyed hash to find it and its last digits.
/// </summary>
public sealed class PhoneChallenge
{
    public const int MaxLastDigitsLength = 4;
    public const int MaxIpAddressLength = 64;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required byte[] PhoneHash { get; set; }
    public required byte[] PhoneCiphertext { get; set; }
    public required string PhoneLastDigits { get; set; }
    public required byte[] CodeHash { get; set; }
    public int Attempts { get; set; }
    public string? IpAddress { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The code works until then; a challenge whose text could not be sent ends when it was made.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
