using Microsoft.Playwright;

namespace ChatRoom.AppHost.Tests;

/// <summary>The machine's Chromium, headless (Playwright cannot download browsers here).</summary>
internal static class Chromium
{
    public static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(30_000);
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHATROOM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }
}

internal static class Screenshots
{
    /// <summary>artifacts/screenshots/ at the repository's root, where the README's pictures are refreshed from.</summary>
    public static string PathOf(string fileName)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "ChatRoom.sln")))
            root = Path.GetDirectoryName(root);
        var directory = Path.Combine(root ?? Path.GetTempPath(), "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}
