using ChatRoom.Chat;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Sdk;

namespace ChatRoom.Tests.Realtime;

/// <summary>
/// A room as a client shows it, kept the way a client should keep it: events applied as they come (by message
/// id, never going back to an older change), a contiguous cursor of change numbers, and a catch-up when an
/// event arrives past a hole or the room's head is past the cursor, after a short grace in which an
/// out-of-order event may still fill the hole.
/// </summary>
public sealed class RoomView
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    private readonly ChatClient _client;
    private readonly Guid _roomId;
    private readonly Dictionary<Guid, MessageDto> _messages = [];
    private readonly SortedSet<long> _ahead = [];
    private readonly Lock _lock = new();
    private long _cursor;
    private long _head;
    private bool _checkScheduled;
    private int _catchUps;

    private RoomView(ChatClient client, Guid roomId)
    {
        _client = client;
        _roomId = roomId;
    }

    /// <summary>Catch-ups this view has asked for.</summary>
    public int CatchUps => Volatile.Read(ref _catchUps);

    public long Cursor
    {
        get
        {
            lock (_lock)
                return _cursor;
        }
    }

    /// <summary>What the reader sees: the room's visible messages by seq.</summary>
    public IReadOnlyList<(long Seq, Guid Id, string Content)> Visible
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages.Values.Where(m => !m.Deleted && m.Status == "Approved")
                    .OrderBy(m => m.Seq).Select(m => (m.Seq, m.Id, m.Content))];
            }
        }
    }

    public static async Task<RoomView> JoinAsync(ChatClient client, Guid roomId)
    {
        var view = new RoomView(client, roomId);
        client.Hub.On<MessageDto>(nameof(IChatClient.MessageCreated), m => view.OnChange(m.RoomId, m.ChangeSeq, () => view.Put(m)));
        client.Hub.On<MessageDto>(nameof(IChatClient.MessageUpdated), m => view.OnChange(m.RoomId, m.ChangeSeq, () => view.Put(m)));
        client.Hub.On<MessageDeletedEvent>(nameof(IChatClient.MessageDeleted), d => view.OnChange(d.RoomId, d.ChangeSeq, () => view.Remove(d)));
        client.Hub.On<RoomHeadEvent>(nameof(IChatClient.RoomHead), view.OnHead);
        var joined = await client.JoinAsync(roomId);
        lock (view._lock)
        {
            foreach (var message in joined.Messages)
                view.Put(message);
            view._cursor = Math.Max(view._cursor, joined.ChangeSeq);
            view.Absorb();
        }
        return view;
    }

    /// <summary>Waits until the view shows exactly <paramref name="expected"/> (seq, id, content), oldest first.</summary>
    public async Task WaitUntilShowsAsync(IReadOnlyList<(long Seq, Guid Id, string Content)> expected, TimeSpan within)
    {
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(Visible.SequenceEqual(expected)), within);
        }
        catch (FailException)
        {
            // Which messages the view lacks says more than that it did not converge.
            var visible = Visible;
            Assert.Fail($"The view did not converge within {within.TotalSeconds} s: it shows {visible.Count} messages, the room has {expected.Count}; " +
                $"missing seqs {string.Join(",", expected.Except(visible).Select(m => m.Seq).Take(20))}, extra {string.Join(",", visible.Except(expected).Select(m => m.Seq).Take(20))}.");
        }
    }

    private void OnChange(Guid roomId, long changeSeq, Action apply)
    {
        if (roomId != _roomId)
            return;
        lock (_lock)
        {
            apply();
            if (changeSeq <= _cursor)
                return;
            _ahead.Add(changeSeq);
            Absorb();
            if (_ahead.Count > 0)
                ScheduleCheck();
        }
    }

    private void OnHead(RoomHeadEvent head)
    {
        if (head.RoomId != _roomId)
            return;
        lock (_lock)
        {
            _head = Math.Max(_head, head.ChangeSeq);
            if (_head > _cursor)
                ScheduleCheck();
        }
    }

    private void Put(MessageDto message)
    {
        if (!_messages.TryGetValue(message.Id, out var shown) || shown.ChangeSeq < message.ChangeSeq)
            _messages[message.Id] = message;
    }

    private void Remove(MessageDeletedEvent deleted)
    {
        if (_messages.TryGetValue(deleted.MessageId, out var shown) && shown.ChangeSeq < deleted.ChangeSeq)
            _messages[deleted.MessageId] = shown with { Deleted = true, Content = "", ChangeSeq = deleted.ChangeSeq };
    }

    private void Absorb()
    {
        _ahead.RemoveWhere(seq => seq <= _cursor);
        while (_ahead.Count > 0 && _ahead.Min == _cursor + 1)
        {
            _cursor++;
            _ahead.Remove(_cursor);
        }
    }

    private void ScheduleCheck()
    {
        if (_checkScheduled)
            return;
        _checkScheduled = true;
        _ = Task.Run(async () =>
        {
            // Real time on purpose: the grace is part of the client being modelled, not a wait for the server.
            await Task.Delay(Grace);
            lock (_lock)
                _checkScheduled = false;
            try
            {
                await CatchUpAsync();
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or TaskCanceledException)
            {
                // Connection trouble: the next head or event schedules another try.
            }
        });
    }

    private async Task CatchUpAsync()
    {
        while (true)
        {
            long from;
            lock (_lock)
            {
                if (_ahead.Count == 0 && _head <= _cursor)
                    return;
                from = _cursor;
            }
            Interlocked.Increment(ref _catchUps);
            var answer = await _client.Hub.InvokeAsync<CatchUpResult>(nameof(ChatHub.CatchUp), _roomId, from);
            lock (_lock)
            {
                foreach (var message in answer.Messages)
                    Put(message);
                _cursor = Math.Max(_cursor, answer.ChangeSeq);
                Absorb();
                if (!answer.HasMore)
                    return;
            }
        }
    }
}
