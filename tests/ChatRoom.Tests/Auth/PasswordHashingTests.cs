using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatRoom.Api.Auth;
using ChatRoom.Data.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatRoom.Tests.Auth;

/// <summary>Password hashes wait in one line, first come first served, and no more than the setting run at once.</summary>
public sealed class PasswordHashingTests(PasswordHashingTests.OneAtATime fixture) : IClassFixture<PasswordHashingTests.OneAtATime>
{
    /// <summary>An Api that hashes one password at a time, so any overlap would show.</summary>
    public sealed class OneAtATime(TestInfrastructure infrastructure) : ApiFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings => [("PasswordHashing:Concurrency", "1")];
    }

    [Fact]
    public async Task ManyPeopleRegisteringAndSigningInAtOnceAllGetInWhileOnlyOneHashRunsAtATime()
    {
        const int people = 8;
        using var running = new RunningHashes(fixture.Api.Services.GetRequiredService<IMeterFactory>());
        using var client = fixture.Api.NewClient();
        var names = Enumerable.Range(0, people).Select(_ => AuthApi.UniqueName("crowd")).ToList();

        await Task.WhenAll(names.Select(name => client.RegisterAsync(name)));
        var sessions = await Task.WhenAll(names.Select(name => client.LoginAsync(name)));
        using var wrong = await client.PostJsonAsync("/api/auth/login", new { userName = names[0], password = "Not-The-Password-1" });

        Assert.Equal(names, sessions.Select(s => s.User.UserName));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.True(running.Started >= 2 * people + 1, $"Only {running.Started} hashes were seen.");
        Assert.Equal(1, running.MostAtOnce);
    }

    [Fact]
    public async Task HashesStartInTheOrderTheyJoinedTheLine()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var hashing = OneThread(meters);
        using var busy = new ManualResetEventSlim();
        var blocker = hashing.RunAsync(() => { busy.Wait(AuthApi.Ct); return true; }, AuthApi.Ct);
        var started = new ConcurrentQueue<int>();

        var queued = Enumerable.Range(1, 50).Select(i => hashing.RunAsync(() => { started.Enqueue(i); return i; }, AuthApi.Ct)).ToList();
        busy.Set();
        await Task.WhenAll(queued);

        Assert.Equal(Enumerable.Range(1, 50), started);
        Assert.True(blocker.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ACallerWhoGivesUpLeavesTheLineAndItsHashNeverRuns()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var hashing = OneThread(meters);
        using var busy = new ManualResetEventSlim();
        _ = hashing.RunAsync(() => { busy.Wait(AuthApi.Ct); return true; }, AuthApi.Ct);
        using var leaving = new CancellationTokenSource();
        var ran = false;

        var abandoned = hashing.RunAsync(() => ran = true, leaving.Token);
        var next = hashing.RunAsync(() => 42, AuthApi.Ct);
        await leaving.CancelAsync();

        // Out of line while the only hashing thread is still busy.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        busy.Set();
        Assert.Equal(42, await next);
        Assert.False(ran);
    }

    private static PasswordHashing OneThread(ServiceProvider meters) =>
        new(new PasswordHasher(new PasswordHashingOptions()), Options.Create(new PasswordHashingOptions { Concurrency = 1 }),
            TimeProvider.System, meters.GetRequiredService<IMeterFactory>());

    /// <summary>What an operator sees of one server's hashing: how many ran, and the most running at once.</summary>
    private sealed class RunningHashes : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _now;
        private long _most;
        private long _started;

        public RunningHashes(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PasswordHashing.MeterName && instrument.Meter.Scope == meters &&
                    instrument.Name == PasswordHashing.ActiveInstrument)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, change, _, _) =>
            {
                if (change > 0)
                    Interlocked.Increment(ref _started);
                var now = Interlocked.Add(ref _now, change);
                var most = Volatile.Read(ref _most);
                while (now > most && Interlocked.CompareExchange(ref _most, now, most) != most)
                    most = Volatile.Read(ref _most);
            });
            _listener.Start();
        }

        public long Started => Volatile.Read(ref _started);

        public long MostAtOnce => Volatile.Read(ref _most);

        public void Dispose() => _listener.Dispose();
    }
}
