namespace ChatRoom.Api.Verification;

/// <summary>What a document is, read from its first bytes: the name and header a client gives are never trusted.</summary>
public static class DocumentTypes
{
    public const int BytesNeeded = 8;

    private static readonly (byte[] Magic, string ContentType, string Extension)[] Accepted =
    [
        ([0xFF, 0xD8, 0xFF], "image/jpeg", "jpg"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png", "png"),
        ("%PDF-"u8.ToArray(), "application/pdf", "pdf"),
    ];

    /// <summary>The content type of a JPEG, PNG or PDF starting with <paramref name="head"/>; null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, contentType, _) in Accepted)
        {
            if (head.StartsWith(magic))
                return contentType;
        }
        return null;
    }

    public static string ExtensionOf(string contentType) =>
        Accepted.FirstOrDefault(a => a.ContentType == contentType).Extension ?? "bin";
}
