using ChatRoom.Tests.Realtime;
using Microsoft.Playwright;

namespace ChatRoom.Tests.Browser;

/// <summary>
/// The whole system as a browser meets it, once per test class: the Api and the Worker over a database of their
/// own, ChatRoom.Web serving the built SPA and proxying <c>/api</c> and <c>/hubs</c> to the Api, each on a real
/// port, and one headless Chromium (the machine's own: Playwright cannot download browsers here).
/// </summary>
public class LiveSystem(TestInfrastructure infrastructure) : IAsyncLifetime
{
    /// <summary>Debian's <c>chromium</c> package; <c>CHATROOM_CHROMIUM</c> names another build.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHATROOM_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private WorkerFactory? _worker;
    private WebFactory? _web;

    public ApiServer Api { get; private set; } = null!;

    /// <summary>Where the browser goes: ChatRoom.Web, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri WebAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The Redis of a system that brings its own (tests that stop it); null when it shares the run's.</summary>
    public RedisServer? OwnRedis { get; private set; }

    protected virtual bool BringsOwnRedis => false;

    /// <summary>Settings of this kind of system's Api, over the tests' defaults.</summary>
    protected virtual (string Key, string Value)[] ApiSettings => [];

    /// <summary>Every line the Api logs, when this kind of system keeps them.</summary>
    public virtual CapturedLogs? ApiLogs => null;

    public async ValueTask InitializeAsync()
    {
        // Never a skip: a machine without Chromium has not run the browser tests, and must say so.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}, and there is none. Install it (Debian/Ubuntu: " +
                "apt-get install chromium; ./test.sh does this as root), or set CHATROOM_CHROMIUM to a Chromium binary.");

        OwnRedis = BringsOwnRedis ? await RedisServer.StartAsync() : null;
        // Identity documents go to the run's Azurite, in a container of this system's own.
        var blobs = await infrastructure.BlobStorageSettingsAsync();
        Api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings([.. blobs.Select(s => (s.Key, s.Value)), .. ApiSettings]),
            OwnRedis?.ConnectionString(), logs: ApiLogs);
        _worker = new WorkerFactory(Api.DatabaseConnectionString, Api.RedisConnectionString,
            new Dictionary<string, string>(blobs) { ["Realtime:ChannelPrefix"] = Api.ChannelPrefix });
        _ = _worker.Services; // starts its jobs
        _web = new WebFactory(Api.Address.ToString().TrimEnd('/'));
        WebAddress = _web.StartAndGetAddress();
        await EnsureSpaIsBuiltAsync();

        // Waits for what a person waits for (a page, a join) allow for a busy two-core machine; the timing
        // promises themselves (a message within a second) are asserted with their own, tight timeouts.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>Stops the Api process (the Web, the Worker and the browsers stay up); <see cref="StartApiAgain"/> brings it back.</summary>
    public ValueTask StopApiAsync() => Api.DisposeAsync();

    /// <summary>The Api started again on the port the Web proxies to.</summary>
    public void StartApiAgain() => Api = Api.StartAgain();

    private async Task EnsureSpaIsBuiltAsync()
    {
        using var client = new HttpClient { BaseAddress = WebAddress };
        var html = await client.GetStringAsync("/");
        if (!html.Contains("<div id=\"root\">", StringComparison.Ordinal))
            throw new InvalidOperationException("ChatRoom.Web serves no SPA: build src/ChatRoom.Web (it runs npm ci and the Vite build).");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_web is not null)
            await _web.DisposeAsync();
        if (_worker is not null)
            await _worker.DisposeAsync();
        if (Api is not null)
            await Api.DisposeAsync();
        if (OwnRedis is not null)
            await OwnRedis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The whole system over a Redis of its own, which its tests may stop and start again.</summary>
public sealed class LiveSystemWithOwnRedis(TestInfrastructure infrastructure) : LiveSystem(infrastructure)
{
    protected override bool BringsOwnRedis => true;
}

/// <summary>
/// Browser classes take turns: each drives Chromium against servers of its own, and on two cores several at once
/// would measure the machine rather than the product. They still run beside the other test classes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OneBrowserClassAtATime
{
    public const string Name = "Browser";
}
