namespace ChatRoom.Tests.Realtime;

public static class Inbox
{
    /// <summary>How long a test waits for something to arrive before it fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The events of one kind a client has received, in arrival order, with waits that end as soon as a matching
/// event is there (already or later) and fail after a deadline instead of sleeping.
/// </summary>
public sealed class Inbox<T>
{
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Done, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
                return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Done(_items)).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The first event that matches, waiting for it if it has not come yet.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? deadline = null)
    {
        await WaitUntilAsync(items => items.Any(match), deadline, "an event that matches");
        lock (_items)
            return _items.First(match);
    }

    /// <summary>Waits until at least <paramref name="count"/> events match, and answers those.</summary>
    public async Task<IReadOnlyList<T>> WaitForCountAsync(int count, Func<T, bool>? match = null, TimeSpan? deadline = null)
    {
        match ??= _ => true;
        await WaitUntilAsync(items => items.Count(match) >= count, deadline, $"{count} matching events");
        lock (_items)
            return [.. _items.Where(match)];
    }

    private async Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> done, TimeSpan? deadline, string what)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_items)
        {
            if (done(_items))
                return;
            _waiters.Add((done, signal));
        }
        try
        {
            await signal.Task.WaitAsync(deadline ?? Inbox.Deadline, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_items)
                _waiters.RemoveAll(w => w.Signal == signal);
            throw new TimeoutException($"{typeof(T).Name}: waited {(deadline ?? Inbox.Deadline).TotalSeconds} s for {what}; got {Items.Count} event(s).");
        }
    }
}
