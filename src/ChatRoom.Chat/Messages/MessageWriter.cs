using System.Diagnostics;
using System.Threading.Channels;
using ChatRoom.Data.Entities;
using ChatRoom.Contracts;
using ChatRoom.Chat.Moderation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ChatRoom.Chat.Messages;

public sealed record SendCommand(Guid RoomId, UserSummary Author, string Content, string ClientMessageId, MessageStatus Status);

/// <summary><see cref="Created"/> is false when the same client message id was sent before: the original is returned.</summary>
public sealed record SendResult(MessageDto Message, bool Created);

public sealed class MessageWriterOptions
{
    public const string SectionName = "Messages:Writer";

    /// <summary>Most sends committed in one transaction.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Sends waiting for the writer before senders are made to wait (back pressure).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;
}

/// <summary>
/// The one write path for new messages, shared by REST and the hub. Concurrent sends queue in a bounded
/// channel; a single writer takes whatever is waiting (up to <see cref="MessageWriterOptions.MaxBatchSize"/>)
/// and commits it in one transaction: one commit for many messages, so throughput grows with load.
/// Sequence numbers come from the room row, locked in id order inside the transaction, so they are
/// gap-free and ordered across senders and across Api replicas, and a rolled-back batch gives its numbers
/// back. Each sender's task completes only after the commit; the broadcast follows it, queued: the writer never
/// waits for Redis (broadcast or moderation queue) before the next commit.
/// </summary>
public sealed class MessageWriter(
    NpgsqlDataSource dataSource,
    IChatEvents broadcasts,
    ModerationStream moderation,
    ChatMetrics metrics,
    IOptions<MessageWriterOptions> options,
    TimeProvider clock,
    ILogger<MessageWriter> logger) : BackgroundService
{
    private const int MaxAttempts = 3;

    private readonly Channel<PendingSend> _queue = Channel.CreateBounded<PendingSend>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public async Task<SendResult> SendAsync(SendCommand command, CancellationToken cancellationToken)
    {
        var pending = new PendingSend(command, new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // If the caller gives up now, the message may still commit: a retry with the same id returns it.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingSend>(options.Value.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
                await DrainAsync(batch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was accepted into the queue is still written.
            _queue.Writer.TryComplete();
            await DrainAsync(batch);
        }
    }

    private async Task DrainAsync(List<PendingSend> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < options.Value.MaxBatchSize && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            if (batch.Count == 0)
                return;
            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<PendingSend> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var results = await CommitAsync(batch);
                metrics.RecordBatch(batch.Count, results.Count(r => r.Created), Stopwatch.GetElapsedTime(started));
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Completion.TrySetResult(results[i]);
                var created = results.Where(r => r.Created).Select(r => r.Message).ToList();
                foreach (var message in created)
                    broadcasts.ToAudienceOf(message, $"message {message.Id} created", clients => clients.MessageCreated(message));
                // Not awaited: it never throws (the Worker's sweep judges a message whose entry is lost), and the
                // next batch must not wait for Redis.
                _ = moderation.AddAsync(created);
                return;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsRetryable(ex))
            {
                logger.LogWarning(ex, "Message batch of {Count} failed (attempt {Attempt}); retrying", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Message batch of {Count} could not be stored", batch.Count);
                foreach (var pending in batch)
                    pending.Completion.TrySetException(new MessageNotStoredException(ex));
                return;
            }
        }
    }

    // A concurrent insert of the same client message id into another room (the rooms' locks do not order
    // those) fails the batch on the unique index; the next attempt finds it among the existing messages.
    private static bool IsRetryable(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } ||
        ex is NpgsqlException { IsTransient: true } ||
        ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private async Task<List<SendResult>> CommitAsync(List<PendingSend> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // Lock the rooms (in id order, so two replicas never deadlock) before looking for earlier sends: a retry
        // of the same send that another replica is committing into the same room is then found, instead of
        // failing this whole batch on the unique index.
        await using (var lockRooms = new NpgsqlCommand(
            "SELECT id FROM rooms WHERE id = ANY(@rooms) ORDER BY id FOR UPDATE", connection, transaction))
        {
            lockRooms.Parameters.Add(new NpgsqlParameter<Guid[]>("rooms", [.. batch.Select(p => p.Command.RoomId).Distinct()]));
            await lockRooms.ExecuteNonQueryAsync();
        }
        var existing = await FindExistingAsync(connection, transaction, batch);
        var results = new SendResult?[batch.Count];
        var fresh = new Dictionary<(Guid, string), int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var command = batch[i].Command;
            var key = (command.Author.Id, command.ClientMessageId);
            if (existing.TryGetValue(key, out var original))
                results[i] = new SendResult(original with { Author = command.Author }, Created: false);
            else
                fresh.TryAdd(key, i);
        }

        var created = await InsertAsync(connection, transaction, [.. fresh.Values.Select(i => batch[i].Command)]);
        await transaction.CommitAsync();

        var byKey = created.ToDictionary(m => (m.Author.Id, m.ClientMessageId));
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i] is not null)
                continue;
            var command = batch[i].Command;
            var message = byKey[(command.Author.Id, command.ClientMessageId)];
            // The first of two identical sends in one batch creates; the second gets the same message back.
            results[i] = new SendResult(message, Created: fresh[(command.Author.Id, command.ClientMessageId)] == i);
        }
        return [.. results.Select(r => r!)];
    }

    private static async Task<Dictionary<(Guid, string), MessageDto>> FindExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingSend> batch)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT m.id, m.room_id, m.seq, m.change_seq, m.author_id, m.content, m.status, m.client_message_id,
                   m.created_at, m.edited_at, m.deleted_at
            FROM messages m
            JOIN unnest(@authors, @client_ids) AS k(author_id, client_message_id)
              ON m.author_id = k.author_id AND m.client_message_id = k.client_message_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("authors", [.. batch.Select(p => p.Command.Author.Id)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("client_ids", [.. batch.Select(p => p.Command.ClientMessageId)]));

        var found = new Dictionary<(Guid, string), MessageDto>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var deleted = !reader.IsDBNull(10);
            var message = new MessageDto(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(3),
                new UserSummary(reader.GetGuid(4), "", null, null),
                deleted ? "" : reader.GetString(5), reader.GetString(6), reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), deleted);
            found[(message.Author.Id, message.ClientMessageId)] = message;
        }
        return found;
    }

    private async Task<List<MessageDto>> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<SendCommand> sends)
    {
        if (sends.Count == 0)
            return [];

        // The rooms are locked already (CommitAsync); take a block of numbers per room.
        var counts = sends.GroupBy(s => s.RoomId).OrderBy(g => g.Key).Select(g => (Room: g.Key, Count: g.Count())).ToList();
        await using (var reserve = new NpgsqlCommand(
            """
            UPDATE rooms r SET last_seq = r.last_seq + c.n, last_change_seq = r.last_change_seq + c.n
            FROM unnest(@rooms, @counts) AS c(id, n)
            WHERE r.id = c.id
            RETURNING r.id, r.last_seq, r.last_change_seq
            """, connection, transaction))
        {
            reserve.Parameters.Add(new NpgsqlParameter<Guid[]>("rooms", [.. counts.Select(c => c.Room)]));
            reserve.Parameters.Add(new NpgsqlParameter<int[]>("counts", [.. counts.Select(c => c.Count)]));
            var next = new Dictionary<Guid, (long Seq, long ChangeSeq)>();
            await using (var reader = await reserve.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var room = reader.GetGuid(0);
                    var n = counts.First(c => c.Room == room).Count;
                    next[room] = (reader.GetInt64(1) - n + 1, reader.GetInt64(2) - n + 1);
                }
            }
            if (next.Count != counts.Count)
                throw new RoomGoneException();

            var now = TruncateToMicroseconds(clock.GetUtcNow());
            var created = new List<MessageDto>(sends.Count);
            foreach (var send in sends)
            {
                var (seq, changeSeq) = next[send.RoomId];
                next[send.RoomId] = (seq + 1, changeSeq + 1);
                created.Add(new MessageDto(Guid.CreateVersion7(now), send.RoomId, seq, changeSeq, send.Author, send.Content,
                    send.Status.ToString(), send.ClientMessageId, now, null, false));
            }

            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO messages (id, room_id, seq, change_seq, author_id, content, status, client_message_id, created_at)
                SELECT id, room_id, seq, change_seq, author_id, content, status, client_message_id, @now
                FROM unnest(@ids, @room_ids, @seqs, @change_seqs, @authors, @contents, @statuses, @client_ids)
                  AS m(id, room_id, seq, change_seq, author_id, content, status, client_message_id)
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. created.Select(m => m.Id)]));
            insert.Parameters.Add(new NpgsqlParameter<Guid[]>("room_ids", [.. created.Select(m => m.RoomId)]));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. created.Select(m => m.Seq)]));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("change_seqs", [.. created.Select(m => m.ChangeSeq)]));
            insert.Parameters.Add(new NpgsqlParameter<Guid[]>("authors", [.. created.Select(m => m.Author.Id)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("contents", [.. created.Select(m => m.Content)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("statuses", [.. created.Select(m => m.Status)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("client_ids", [.. created.Select(m => m.ClientMessageId)]));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await insert.ExecuteNonQueryAsync();
            return created;
        }
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    private sealed record PendingSend(SendCommand Command, TaskCompletionSource<SendResult> Completion);
}

public sealed class MessageNotStoredException(Exception inner)
    : Exception("The message could not be stored. Send it again with the same client message id.", inner);

public sealed class RoomGoneException() : Exception("The room no longer exists.");
