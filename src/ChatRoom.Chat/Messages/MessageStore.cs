using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ChatRoom.Chat.Messages;

/// <summary>
/// The SQL of a batch of sends, in one transaction: the rooms are locked in id order, sends already stored (the
/// same author and client message id) are answered with what is stored, and the rest take a block of sequence
/// numbers per room and are inserted together. Rows are read by column name into <see cref="Message"/> and shown
/// through <see cref="ChatViews"/>, as everywhere else.
/// </summary>
public sealed class MessageStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = JsonbColumns.Options;

    /// <summary>One result per send, in the order of <paramref name="sends"/>, once the transaction is committed.</summary>
    public async Task<List<SendResult>> CommitAsync(IReadOnlyList<SendCommand> sends, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Lock the rooms (in id order, so two replicas never deadlock) before looking for earlier sends: a retry
        // of the same send that another replica is committing into the same room is then found, instead of
        // failing this whole batch on the unique index.
        await using (var lockRooms = new NpgsqlCommand(
            "SELECT id FROM rooms WHERE id = ANY(@rooms) ORDER BY id FOR UPDATE", connection, transaction))
        {
            lockRooms.Parameters.Add(new NpgsqlParameter<Guid[]>("rooms", [.. sends.Select(s => s.RoomId).Distinct()]));
            await lockRooms.ExecuteNonQueryAsync(ct);
        }
        var existing = await FindExistingAsync(connection, transaction, sends, ct);
        var results = new SendResult?[sends.Count];
        var fresh = new Dictionary<(Guid, string), int>();
        for (var i = 0; i < sends.Count; i++)
        {
            var send = sends[i];
            var key = (send.Author.Id, send.ClientMessageId);
            if (existing.TryGetValue(key, out var original))
                // The same client message id is the same message: it answers what this send answers.
                results[i] = new SendResult(original.ToDto(send.Author, original.ReplyToId == send.ReplyTo?.MessageId ? send.ReplyTo : null), Created: false);
            else
                fresh.TryAdd(key, i);
        }

        var created = await InsertAsync(connection, transaction, [.. fresh.Values.Select(i => sends[i])], ct);
        await transaction.CommitAsync(ct);

        var byKey = created.ToDictionary(m => (m.Author.Id, m.ClientMessageId));
        for (var i = 0; i < sends.Count; i++)
        {
            if (results[i] is not null)
                continue;
            var key = (sends[i].Author.Id, sends[i].ClientMessageId);
            // The first of two identical sends in one batch creates; the second gets the same message back.
            results[i] = new SendResult(byKey[key], Created: fresh[key] == i);
        }
        return [.. results.Select(r => r!)];
    }

    private static async Task<Dictionary<(Guid, string), Message>> FindExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SendCommand> sends, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT m.id, m.room_id, m.seq, m.change_seq, m.author_id, m.content, m.status, m.client_message_id,
                   m.created_at, m.edited_at, m.deleted_at, m.reply_to_id, m.reactions, m.attachments
            FROM messages m
            JOIN unnest(@authors, @client_ids) AS k(author_id, client_message_id)
              ON m.author_id = k.author_id AND m.client_message_id = k.client_message_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("authors", [.. sends.Select(s => s.Author.Id)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("client_ids", [.. sends.Select(s => s.ClientMessageId)]));

        var found = new Dictionary<(Guid, string), Message>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var message = new Message
            {
                Id = reader.Column<Guid>("id"),
                RoomId = reader.Column<Guid>("room_id"),
                Seq = reader.Column<long>("seq"),
                ChangeSeq = reader.Column<long>("change_seq"),
                AuthorId = reader.Column<Guid>("author_id"),
                Content = reader.Column<string>("content"),
                Status = Enum.Parse<MessageStatus>(reader.Column<string>("status")),
                ClientMessageId = reader.Column<string>("client_message_id"),
                CreatedAt = reader.Column<DateTimeOffset>("created_at"),
                EditedAt = reader.Column<DateTimeOffset?>("edited_at"),
                DeletedAt = reader.Column<DateTimeOffset?>("deleted_at"),
                ReplyToId = reader.Column<Guid?>("reply_to_id"),
                Reactions = JsonColumn<ReactionSummary>(reader, "reactions"),
                Attachments = JsonColumn<AttachmentDto>(reader, "attachments"),
            };
            found[(message.AuthorId, message.ClientMessageId)] = message;
        }
        return found;
    }

    private async Task<List<MessageDto>> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<SendCommand> sends, CancellationToken ct)
    {
        if (sends.Count == 0)
            return [];

        // The rooms are locked already (CommitAsync); take a block of numbers per room. A room that was locked
        // exists: rooms are archived, never deleted.
        var counts = sends.GroupBy(s => s.RoomId).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var next = new Dictionary<Guid, (long Seq, long ChangeSeq)>();
        await using (var reserve = new NpgsqlCommand(
            """
            UPDATE rooms r SET last_seq = r.last_seq + c.n, last_change_seq = r.last_change_seq + c.n
            FROM unnest(@rooms, @counts) AS c(id, n)
            WHERE r.id = c.id
            RETURNING r.id, r.last_seq, r.last_change_seq
            """, connection, transaction))
        {
            reserve.Parameters.Add(new NpgsqlParameter<Guid[]>("rooms", [.. counts.Keys]));
            reserve.Parameters.Add(new NpgsqlParameter<int[]>("counts", [.. counts.Values]));
            await using var reader = await reserve.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var room = reader.Column<Guid>("id");
                var n = counts[room];
                next[room] = (reader.Column<long>("last_seq") - n + 1, reader.Column<long>("last_change_seq") - n + 1);
            }
        }

        var now = TruncateToMicroseconds(clock.GetUtcNow());
        var created = new List<MessageDto>(sends.Count);
        foreach (var send in sends)
        {
            var (seq, changeSeq) = next[send.RoomId];
            next[send.RoomId] = (seq + 1, changeSeq + 1);
            var message = new Message
            {
                Id = Guid.CreateVersion7(now),
                RoomId = send.RoomId,
                Seq = seq,
                ChangeSeq = changeSeq,
                AuthorId = send.Author.Id,
                Content = send.Content,
                Status = send.Status,
                ClientMessageId = send.ClientMessageId,
                CreatedAt = now,
                ReplyToId = send.ReplyTo?.MessageId,
                Attachments = send.Attachments is { Count: > 0 } files ? [.. files] : null,
            };
            created.Add(message.ToDto(send.Author, send.ReplyTo));
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO messages (id, room_id, seq, change_seq, author_id, content, status, client_message_id, created_at,
                                  reply_to_id, search_config, attachments)
            SELECT id, room_id, seq, change_seq, author_id, content, status, client_message_id, @now, reply_to_id, search_config::regconfig,
                   attachments::jsonb
            FROM unnest(@ids, @room_ids, @seqs, @change_seqs, @authors, @contents, @statuses, @client_ids, @reply_to_ids, @search_configs,
                        @attachments)
              AS m(id, room_id, seq, change_seq, author_id, content, status, client_message_id, reply_to_id, search_config, attachments)
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. created.Select(m => m.Id)]));
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("room_ids", [.. created.Select(m => m.RoomId)]));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. created.Select(m => m.Seq)]));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("change_seqs", [.. created.Select(m => m.ChangeSeq)]));
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("authors", [.. created.Select(m => m.Author.Id)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("contents", [.. created.Select(m => m.Content)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("statuses", [.. created.Select(m => m.Status)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("client_ids", [.. created.Select(m => m.ClientMessageId)]));
        insert.Parameters.Add(new NpgsqlParameter<Guid?[]>("reply_to_ids", [.. sends.Select(s => s.ReplyTo?.MessageId)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("search_configs", [.. sends.Select(s => s.SearchConfig)]));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("attachments",
            [.. sends.Select(s => s.Attachments is { Count: > 0 } files ? JsonSerializer.Serialize(files, Json) : null)]));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await insert.ExecuteNonQueryAsync(ct);
        return created;
    }

    private static List<T>? JsonColumn<T>(NpgsqlDataReader reader, string name) =>
        reader.Column<string?>(name) is { } json ? JsonSerializer.Deserialize<List<T>>(json, Json) : null;

    // PostgreSQL keeps microseconds: the time answered must be the time stored.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}

internal static class ColumnReads
{
    /// <summary>A column by name; a nullable <typeparamref name="T"/> reads NULL as null.</summary>
    public static T Column<T>(this NpgsqlDataReader reader, string name)
    {
        var ordinal = reader.GetOrdinal(name);
        return reader.IsDBNull(ordinal) ? default! : reader.GetFieldValue<T>(ordinal);
    }
}
