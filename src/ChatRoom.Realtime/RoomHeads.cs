using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatRoom.Realtime;

/// <summary>
/// Makes lost broadcasts harmless. Every <see cref="RealtimeOptions.RoomHeadInterval"/> each Api replica reads
/// the latest committed change number of every room its connections are in (one query) and, for the rooms
/// where it moved, tells those connections (<c>RoomHead</c>). The events go straight to the local sockets, not
/// through Redis, so they arrive while Redis is away too. A client whose own cursor is behind the head missed
/// a create, edit, deletion, rejection or approval (or could not see it: a pending message), and asks
/// <c>CatchUp</c>, which reads the database. Quiet rooms cost nothing: nothing is sent while the head stands still,
/// nor when this replica broadcast the head's change itself (a client that missed an earlier one notices the hole
/// when that change arrives), so a busy room served by one replica gets no announcements either.
/// </summary>
public sealed class RoomHeads(
    ConnectionRegistry connections,
    IHubContext<ChatHub, IChatClient> hub,
    ChatBroadcasts broadcasts,
    NpgsqlDataSource database,
    IOptionsMonitor<RealtimeOptions> options,
    TimeProvider clock,
    ILogger<RoomHeads> logger) : RepeatingService(clock, logger)
{
    private readonly Dictionary<Guid, long> _announced = [];

    protected override TimeSpan Interval => options.CurrentValue.RoomHeadInterval;

    /// <summary>One round: read the heads of the rooms joined here, tell the connections of the rooms that moved.</summary>
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var members = new Dictionary<Guid, List<string>>();
        foreach (var connection in connections.All)
        {
            foreach (var roomId in ChatHub.ConnectionOf(connection.Context)?.JoinedRooms ?? [])
            {
                if (!members.TryGetValue(roomId, out var ids))
                    members[roomId] = ids = [];
                ids.Add(connection.ConnectionId);
            }
        }
        foreach (var gone in _announced.Keys.Where(id => !members.ContainsKey(id)).ToList())
        {
            _announced.Remove(gone);
            broadcasts.ForgetSent(gone);
        }
        if (members.Count == 0)
            return;

        await using var command = database.CreateCommand("SELECT id, last_change_seq FROM rooms WHERE id = ANY(@rooms)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("rooms", [.. members.Keys]));
        var heads = new List<RoomHeadEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                heads.Add(new RoomHeadEvent(reader.GetGuid(0), reader.GetInt64(1)));
        }

        foreach (var head in heads)
        {
            if (_announced.TryGetValue(head.RoomId, out var announced) && announced == head.ChangeSeq)
                continue;
            // The head went out from here as an event: whoever missed an earlier change sees the hole in it.
            if (broadcasts.SentChange(head.RoomId) >= head.ChangeSeq)
            {
                _announced[head.RoomId] = head.ChangeSeq;
                continue;
            }
            // It is on its way from here: the next round looks again, and announces it if it was lost.
            if (broadcasts.PostedChange(head.RoomId) >= head.ChangeSeq)
                continue;
            _announced[head.RoomId] = head.ChangeSeq;
            try
            {
                // One connection at a time: the backplane writes to a local connection directly, but publishes a
                // send to a list of connections through Redis even when they are all local.
                await Task.WhenAll(members[head.RoomId].Select(id => hub.Clients.Client(id).RoomHead(head)));
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Could not tell room {RoomId}'s connections its head", head.RoomId);
            }
        }
    }
}
