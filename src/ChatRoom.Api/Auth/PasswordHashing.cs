using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatRoom.Data.Identity;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Auth;

/// <summary>
/// Every Argon2id hash and verification in the Api, first come first served, at most
/// <see cref="PasswordHashingOptions.Concurrency"/> at once (by default one per core). A hash is pure CPU: when twenty
/// sign-ins hash together on two cores, each one waits on all the others' hashes and the slowest take several times the
/// typical time. In line, each waits only for those ahead of it, and the cores stay busy as long as anyone waits.
/// </summary>
/// <remarks>
/// The hashes run on threads of their own rather than the thread pool's: while they work, the pool keeps serving chat
/// and I/O, and it has no reason to add threads to make up for ones held by tens of milliseconds of hashing.
/// </remarks>
public sealed class PasswordHashing : IDisposable
{
    public const string MeterName = "ChatRoom.Auth";
    public const string ActiveInstrument = "chatroom.auth.password_hashes.active";

    private readonly BlockingCollection<Job> _jobs = new(new ConcurrentQueue<Job>());
    private readonly PasswordHasher _hasher;
    private readonly TimeProvider _clock;
    private readonly Histogram<double> _wait;
    private readonly UpDownCounter<long> _active;

    public PasswordHashing(PasswordHasher hasher, IOptions<PasswordHashingOptions> options, TimeProvider clock, IMeterFactory meters)
    {
        _hasher = hasher;
        _clock = clock;
        var meter = meters.Create(MeterName);
        _wait = meter.CreateHistogram<double>("chatroom.auth.password_hashes.wait", unit: "s",
            description: "Time a password hash or check waited in line before a hashing thread took it.");
        _active = meter.CreateUpDownCounter<long>(ActiveInstrument, description: "Password hashes and checks running now.");
        Concurrency = options.Value.Concurrency == 0 ? Environment.ProcessorCount : options.Value.Concurrency;
        for (var i = 0; i < Concurrency; i++)
            new Thread(Work) { IsBackground = true, Name = $"Password hashing {i + 1}" }.Start();
    }

    /// <summary>How many hashes run at once: one thread each.</summary>
    public int Concurrency { get; }

    public Task<string> HashAsync(string password, CancellationToken ct) => RunAsync(() => _hasher.Hash(password), ct);

    public Task<bool> VerifyAsync(string password, string encodedHash, CancellationToken ct) =>
        RunAsync(() => _hasher.Verify(password, encodedHash), ct);

    /// <inheritdoc cref="PasswordHasher.VerifyDummy"/>
    public Task<bool> VerifyDummyAsync(string password, CancellationToken ct) => RunAsync(() => _hasher.VerifyDummy(password), ct);

    /// <summary>Reads only the cost written in the stored hash: no hashing, so no place in line.</summary>
    public bool NeedsRehash(string encodedHash) => _hasher.NeedsRehash(encodedHash);

    /// <summary>
    /// Runs <paramref name="work"/> when the jobs queued before it have started and a hashing thread is free.
    /// A caller that gives up while waiting (the client went away) leaves the line at once and its work never runs.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        var job = new Job<T>(work, _clock.GetTimestamp(), ct);
        _jobs.Add(job, CancellationToken.None);
        return job.Task;
    }

    public void Dispose() => _jobs.CompleteAdding();

    private void Work()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            if (job.GivenUp)
                continue;
            _wait.Record(_clock.GetElapsedTime(job.QueuedAt).TotalSeconds);
            _active.Add(1);
            try
            {
                job.Run();
            }
            finally
            {
                _active.Add(-1);
            }
        }
    }

    private abstract class Job(long queuedAt)
    {
        public long QueuedAt { get; } = queuedAt;

        public abstract bool GivenUp { get; }

        /// <summary>Runs the work and completes the caller's task; never throws.</summary>
        public abstract void Run();
    }

    private sealed class Job<T> : Job
    {
        private readonly Func<T> _work;
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _cancel;

        public Job(Func<T> work, long queuedAt, CancellationToken ct) : base(queuedAt)
        {
            _work = work;
            _cancel = ct.Register(() => _done.TrySetCanceled(ct));
        }

        public Task<T> Task => _done.Task;

        // Cancelled only through _cancel, whose callback has then run: nothing is left to unregister.
        public override bool GivenUp => _done.Task.IsCanceled;

        public override void Run()
        {
            try
            {
                _done.TrySetResult(_work());
            }
            catch (Exception ex)
            {
                _done.TrySetException(ex);
            }
            finally
            {
                _cancel.Dispose();
            }
        }
    }
}
