using System.Text;

namespace ChatRoom.Chat.Attachments;

/// <summary>
/// What a file is, read from its bytes; the name and header a client gives decide nothing but the name shown. Programs
/// and scripts are refused, by their bytes and, for kinds that hide in ordinary containers (a .jar is a zip, an .msi an
/// Office file), by their name too. What is not recognised is kept as <c>application/octet-stream</c>: downloaded, never shown.
/// </summary>
public static class AttachmentTypes
{
    public const int BytesNeeded = 512;

    private static readonly (byte[] Magic, string ContentType)[] Known =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ("GIF87a"u8.ToArray(), "image/gif"),
        ("GIF89a"u8.ToArray(), "image/gif"),
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
        ([0x1F, 0x8B], "application/gzip"),
        ("OggS"u8.ToArray(), "audio/ogg"),
        ("ID3"u8.ToArray(), "audio/mpeg"),
    ];

    // Programs by their first bytes: Windows (MZ), Linux (ELF), macOS (Mach-O, both orders and universal), scripts (#!),
    // Java classes, WebAssembly.
    private static readonly byte[][] Executables =
    [
        "MZ"u8.ToArray(), [0x7F, 0x45, 0x4C, 0x46], [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE], [0xCA, 0xFE, 0xBA, 0xBE], "#!"u8.ToArray(), [0x00, 0x61, 0x73, 0x6D],
    ];

    private static readonly HashSet<string> DeniedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "exe", "dll", "com", "scr", "pif", "cpl", "msi", "msp", "msc", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse",
        "wsf", "wsh", "hta", "lnk", "reg", "jar", "apk", "app", "dmg", "pkg", "deb", "rpm", "sh", "bash", "elf", "so", "dylib",
        "gadget", "appx", "msix", "xap", "iso", "img", "vhd", "vhdx",
    };

    public const string Unknown = "application/octet-stream";

    /// <summary>The content type of a file starting with <paramref name="head"/>, or null when it is refused (a program).</summary>
    public static string? Detect(ReadOnlySpan<byte> head, string fileName)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.');
        if (DeniedExtensions.Contains(extension))
            return null;
        foreach (var magic in Executables)
        {
            if (head.StartsWith(magic))
                return null;
        }
        foreach (var (magic, contentType) in Known)
        {
            if (head.StartsWith(magic))
                return contentType;
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
            return "video/mp4";
        // Text (HTML and SVG included) is kept as plain text: it is offered as a download, never run as a page.
        return LooksLikeText(head) ? "text/plain; charset=utf-8" : Unknown;
    }

    /// <summary>Images shown in the conversation itself; everything else is a download.</summary>
    public static bool IsImage(string contentType) => contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    /// <summary>A name to show and to offer when saving: no folders, no control characters, never empty.</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not '"' and not '/')]).Trim().Trim('.');
        if (name.Length == 0)
            name = "file";
        return name.Length <= Attachment.MaxFileNameLength ? name : name[..Attachment.MaxFileNameLength];
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0 || head.Contains((byte)0))
            return false;
        try
        {
            // Not flushed: a character cut at the end of the sample is still text.
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder().GetCharCount(head, flush: false);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
