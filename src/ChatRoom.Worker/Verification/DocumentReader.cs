using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Verification;

public sealed class DocumentReadingOptions : JobOptions
{
    public const string SectionName = "Jobs:DocumentReading";

    public DocumentReadingOptions() => Interval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A document taken by a Worker that did not finish (it stopped, or the tools or the storage failed) is taken again
    /// after this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many failed reads the document goes to review marked unreadable (at once when the file is at fault).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Tesseract's command (Debian: apt-get install tesseract-ocr).</summary>
    [Required]
    public string Tesseract { get; set; } = "tesseract";

    /// <summary>Renders a PDF's first pages to images for Tesseract (Debian: apt-get install poppler-utils).</summary>
    [Required]
    public string PdfToImage { get; set; } = "pdftoppm";

    /// <summary>Tesseract's language packs, joined with +.</summary>
    [Required, RegularExpression("^[a-z_]+(\\+[a-z_]+)*$")]
    public string Languages { get; set; } = "eng";

    [Range(1, 10)]
    public int MaxPdfPages { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>The text of a document image or PDF, by OCR with Tesseract in a process of its own.</summary>
public sealed class DocumentReader(IOptions<DocumentReadingOptions> options)
{
    /// <summary>Reads the file at <paramref name="path"/>; throws <see cref="DocumentReadException"/> when the tools fail.</summary>
    public async Task<string> ReadAsync(string path, string contentType, CancellationToken ct)
    {
        var settings = options.Value;
        if (contentType != "application/pdf")
            return await OcrAsync(path, ct);

        var prefix = Path.Combine(Path.GetDirectoryName(path)!, "page");
        await RunAsync(settings.PdfToImage, ["-r", "200", "-png", "-f", "1", "-l", settings.MaxPdfPages.ToString(System.Globalization.CultureInfo.InvariantCulture), path, prefix], ct);
        var text = new StringBuilder();
        foreach (var page in Directory.GetFiles(Path.GetDirectoryName(path)!, "page*.png").Order())
            text.AppendLine(await OcrAsync(page, ct));
        return text.ToString();
    }

    private Task<string> OcrAsync(string image, CancellationToken ct) =>
        RunAsync(options.Value.Tesseract, [image, "stdout", "-l", options.Value.Languages, "--psm", "3"], ct);

    private async Task<string> RunAsync(string command, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        // One thread: two cores are shared with the database and the chat.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DocumentReadException($"{command} did not start.", theFilesFault: false);
        }
        catch (Win32Exception ex)
        {
            throw new DocumentReadException($"{command} is not installed on this Worker ({ex.Message}).", theFilesFault: false);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new DocumentReadException($"{command} took longer than {options.Value.Timeout.TotalSeconds:0} s.", theFilesFault: false);
            }
            if (process.ExitCode != 0)
                throw new DocumentReadException($"{command} could not read it ({process.ExitCode}): {Truncate(await errors)}", theFilesFault: true);
            return await output;
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}

/// <summary><see cref="TheFilesFault"/>: the tools ran and could not read this file; trying again changes nothing.</summary>
public sealed class DocumentReadException(string message, bool theFilesFault) : Exception(message)
{
    public bool TheFilesFault { get; } = theFilesFault;
}
