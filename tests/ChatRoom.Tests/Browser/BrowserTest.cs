using Microsoft.Playwright;

namespace ChatRoom.Tests.Browser;

/// <summary>
/// A browser test: each person gets a browser context of their own (own cookies, own tab). Dialogs are recorded
/// (and confirmed, as a person confirming a delete would); after a failed test every page is saved as a screenshot
/// in <c>artifacts/screenshots/failures/</c>.
/// </summary>
public abstract class BrowserTest(LiveSystem system) : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly List<(string Name, IBrowserContext Context, IPage Page)> _people = [];
    private readonly List<string> _dialogs = [];
    private readonly List<string> _errors = [];

    protected LiveSystem Servers => system;

    /// <summary>Every dialog any page opened (alert, confirm, prompt), as "type: message".</summary>
    protected IReadOnlyList<string> Dialogs
    {
        get
        {
            lock (_dialogs)
                return [.. _dialogs];
        }
    }

    /// <summary>Uncaught script errors and console errors of every page (a CSP violation is one), as "person: text".</summary>
    protected IReadOnlyList<string> PageErrors
    {
        get
        {
            lock (_errors)
                return [.. _errors];
        }
    }

    /// <summary>A new person at the Web's address, in a browser context of their own.</summary>
    protected async Task<ChatPage> OpenBrowserAsync(string name, ViewportSize? viewport = null)
    {
        var context = await system.Browser.NewContextAsync(new()
        {
            BaseURL = system.WebAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            lock (_dialogs)
                _dialogs.Add($"{dialog.Type}: {dialog.Message}");
            _ = dialog.AcceptAsync();
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
                _errors.Add($"{name}: {error}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                    _errors.Add($"{name}: {message.Text}");
            }
        };
        lock (_people)
            _people.Add((name, context, page));
        return new ChatPage(page);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        (string Name, IBrowserContext Context, IPage Page)[] people;
        lock (_people)
            people = [.. _people];
        if (TestContext.Current.TestState?.Result is TestResult.Failed)
        {
            var test = $"{GetType().Name}.{TestContext.Current.TestMethod?.MethodName}";
            foreach (var (name, _, page) in people)
                await TrySaveAsync(page, Screenshots.PathFor($"failures/{test}-{name}"));
        }
        foreach (var (_, context, _) in people)
            await context.CloseAsync();
        GC.SuppressFinalize(this);
    }

    private static async Task TrySaveAsync(IPage page, string path)
    {
        try
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 5000 });
        }
        catch (PlaywrightException)
        {
            // A page that crashed or closed has nothing to show; the test's own failure says what went wrong.
        }
    }
}

/// <summary>Where screenshots go: <c>artifacts/screenshots/</c> at the repository's root.</summary>
public static class Screenshots
{
    public static readonly string Directory = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public static string PathFor(string name)
    {
        var path = Path.Combine(Directory, name + ".png");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatRoom.sln")))
                return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }
}
