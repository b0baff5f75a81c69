extern alias worker;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using JobMetrics = worker::ChatRoom.Worker.Jobs.JobMetrics;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// The Worker host over a real PostgreSQL database and a real Redis. Given a clock (a <see cref="FakeTimeProvider"/>),
/// its jobs and loops wait on that clock instead of the real one: the test moves it on to make them run again
/// (<see cref="RunAgainAsync"/>), and sees how many runs of each job finished (<see cref="Runs"/>).
/// </summary>
public sealed class WorkerFactory(string databaseConnectionString, string redisConnectionString,
    IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null) : WebApplicationFactory<worker::Program>
{
    private const string RunsInstrument = "chatroom.worker.job.runs";

    private readonly ConcurrentDictionary<string, long> _runs = new();
    private MeterListener? _listener;

    /// <summary>Starts the host and its background services.</summary>
    public WorkerFactory Start()
    {
        _ = Services;
        return this;
    }

    /// <summary>How many runs of <paramref name="job"/> (e.g. <c>session-cleanup</c>) this Worker finished, failed ones too.</summary>
    public long Runs(string job) => _runs.GetValueOrDefault(job);

    public Task WaitForRunsAsync(string job, long count) =>
        Eventually.HoldsAsync(() => Task.FromResult(Runs(job) >= count), because: $"The Worker did not finish {count} run(s) of {job}.");

    /// <summary>
    /// Moves <paramref name="clock"/> on by <paramref name="interval"/>, the interval of <paramref name="job"/>, and waits
    /// until each of the <paramref name="workers"/> (all on that clock) finished the run that it started. Exactly one
    /// interval: a longer jump runs a job twice, for the tick it waited for and for the one its timer keeps.
    /// </summary>
    public static async Task RunAgainAsync(FakeTimeProvider clock, TimeSpan interval, string job, params WorkerFactory[] workers)
    {
        // A job runs once as its Worker starts and then once a tick: once that first run is over, the count
        // stands still until the clock is moved.
        foreach (var worker in workers)
            await worker.WaitForRunsAsync(job, 1);
        var before = workers.Select(w => w.Runs(job)).ToList();
        clock.Advance(interval);
        for (var i = 0; i < workers.Length; i++)
            await workers[i].WaitForRunsAsync(job, before[i] + 1);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:chatdb", DatabaseRolesForTests.Worker(databaseConnectionString));
        builder.UseSetting("ConnectionStrings:redis", redisConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (clock is not null)
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = builder.Build();
        // Counting starts before the host does: every job runs once at start.
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == JobMetrics.MeterName && instrument.Name == RunsInstrument)
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "job", Value: string job })
                    _runs.AddOrUpdate(job, value, (_, runs) => runs + value);
            }
        });
        _listener.Start();
        host.Start();
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _listener?.Dispose();
    }
}
