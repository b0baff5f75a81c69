using System.Net;
using ChatRoom.Tests.Browser;
using Microsoft.Playwright;

namespace ChatRoom.Tests.Verification;

/// <summary>
/// Makes identity documents for the OCR tests in the test itself, as a real one would be made: text laid out by
/// headless Chromium and taken as a PNG or JPEG picture, or printed to a PDF. No binary fixture is kept or downloaded.
/// </summary>
public sealed class DocumentRenderer : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A renderer with a Chromium of its own (<see cref="InitializeAsync"/> starts it).</summary>
    public DocumentRenderer()
    {
    }

    /// <summary>A renderer drawing in a Chromium that is running already (a browser test's).</summary>
    public DocumentRenderer(IBrowser browser) => _browser = browser;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = LiveSystem.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>An identity card with the lines given, one per line, in black on white.</summary>
    public static string Card(params string[] lines) =>
        $"""
        <div style="width: 900px; padding: 40px; background: #fff; color: #000; font: 30px/1.5 'DejaVu Sans', sans-serif">
          {string.Concat(lines.Select(line => $"<div>{WebUtility.HtmlEncode(line)}</div>"))}
        </div>
        """;

    public Task<byte[]> PictureAsync(string html, ScreenshotType type = ScreenshotType.Png) =>
        WithPageAsync(html, page => page.Locator("body > div").ScreenshotAsync(new() { Type = type, Quality = type == ScreenshotType.Jpeg ? 90 : null }));

    public Task<byte[]> PdfAsync(string html) => WithPageAsync(html, page => page.PdfAsync(new() { Format = "A4", PrintBackground = true }));

    private async Task<byte[]> WithPageAsync(string html, Func<IPage, Task<byte[]>> take)
    {
        var page = await _browser!.NewPageAsync();
        try
        {
            await page.SetContentAsync($"<!doctype html><html><body style=\"margin: 0; background: #fff\">{html}</body></html>");
            return await take(page);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A borrowed browser is its owner's to close.
        if (_playwright is not null && _browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
