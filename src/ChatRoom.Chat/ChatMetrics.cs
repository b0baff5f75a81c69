using System.Diagnostics.Metrics;

namespace ChatRoom.Chat;

public sealed class ChatMetrics
{
    public const string MeterName = "ChatRoom.Chat";

    private readonly Counter<long> _accepted;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitLatency;
    private readonly Counter<long> _broadcasts;
    private readonly Counter<long> _broadcastsLost;
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _verdicts;

    public ChatMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("chatroom.messages.accepted", description: "New messages committed.");
        _batchSize = meter.CreateHistogram<int>("chatroom.messages.batch_size", description: "Sends committed per transaction.");
        _commitLatency = meter.CreateHistogram<double>("chatroom.messages.commit_latency", unit: "s", description: "Time to commit one batch.");
        _broadcasts = meter.CreateCounter<long>("chatroom.messages.broadcasts", description: "Message events sent to a room or user group.");
        _broadcastsLost = meter.CreateCounter<long>("chatroom.broadcasts.lost", description: "Events not sent (Redis away, queue full, publish failed); clients catch up from the database.");
        _connections = meter.CreateUpDownCounter<long>("chatroom.hub.connections", description: "Open hub connections on this instance.");
        _verdicts = meter.CreateCounter<long>("chatroom.moderation.verdicts", description: "Moderation verdicts, by verdict and by who gave it (queue, sweep, moderator).");
    }

    public void RecordBatch(int size, int created, TimeSpan commit)
    {
        _accepted.Add(created);
        _batchSize.Record(size);
        _commitLatency.Record(commit.TotalSeconds);
    }

    public void RecordBroadcast() => _broadcasts.Add(1);

    public void RecordBroadcastLost(int count) => _broadcastsLost.Add(count);

    public void RecordVerdict(string verdict, string source) =>
        _verdicts.Add(1, new KeyValuePair<string, object?>("verdict", verdict), new KeyValuePair<string, object?>("source", source));

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);
}
