using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Polly;
using Polly.Retry;

namespace ChatRoom.Chat.Messages;

/// <summary>
/// <see cref="ReplyTo"/>: the original this message answers, checked by the sender's path; <see cref="SearchConfig"/>: the
/// PostgreSQL text search configuration of the room's language (<see cref="SearchLanguages"/>); <see cref="Attachments"/>:
/// the files claimed for it.
/// </summary>
public sealed record SendCommand(Guid RoomId, UserSummary Author, string Content, string ClientMessageId, MessageStatus Status,
    ReplyPreview? ReplyTo = null, string SearchConfig = SearchLanguages.Simple, IReadOnlyList<AttachmentDto>? Attachments = null);

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
/// and commits it in one transaction (<see cref="MessageStore"/>): one commit for many messages, so throughput
/// grows with load. Sequence numbers come from the room rows, locked inside the transaction, so they are gap-free
/// and ordered across senders and replicas, and a rolled-back batch gives its numbers back. Each sender's task
/// completes only after the commit; <see cref="MessagePublisher"/> follows it without making the writer wait.
/// </summary>
public sealed class MessageWriter(
    MessageStore store,
    MessagePublisher publisher,
    ChatMetrics metrics,
    IOptions<MessageWriterOptions> options,
    TimeProvider clock,
    ILogger<MessageWriter> logger) : BackgroundService
{
    private readonly Channel<PendingSend> _queue = Channel.CreateBounded<PendingSend>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // A concurrent insert of the same client message id into another room (the rooms' locks do not order those)
    // fails the batch on the unique index; the next attempt finds it among the existing messages. Deadlocks,
    // serialization failures and transient connection faults pass with a second try too.
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRetryable),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Linear,
            OnRetry = retry =>
            {
                logger.LogWarning(retry.Outcome.Exception, "Message batch failed (attempt {Attempt}); retrying", retry.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

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
        var started = clock.GetTimestamp();
        List<SendResult> results;
        try
        {
            var sends = batch.Select(p => p.Command).ToList();
            // Not the stopping token: a batch taken from the queue is finished even while shutting down.
            results = await _retry.ExecuteAsync(async ct => await store.CommitAsync(sends, ct), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Message batch of {Count} could not be stored", batch.Count);
            foreach (var pending in batch)
                pending.Completion.TrySetException(new MessageNotStoredException(ex));
            return;
        }
        metrics.RecordBatch(batch.Count, results.Count(r => r.Created), clock.GetElapsedTime(started));
        for (var i = 0; i < batch.Count; i++)
            batch[i].Completion.TrySetResult(results[i]);
        publisher.Created([.. results.Where(r => r.Created).Select(r => r.Message)]);
    }

    private static bool IsRetryable(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } ||
        ex is NpgsqlException { IsTransient: true };

    private sealed record PendingSend(SendCommand Command, TaskCompletionSource<SendResult> Completion);
}

public sealed class MessageNotStoredException(Exception inner)
    : Exception("The message could not be stored. Send it again with the same client message id.", inner);
