using Microsoft.Extensions.Hosting;

namespace ChatRoom.Chat;

/// <summary>
/// Work an Api replica repeats on its own every <see cref="Interval"/> (read again each round, so it follows
/// configuration). A failed round is logged and the next one comes anyway: the loop never dies.
/// </summary>
public abstract class RepeatingService(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, Clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "{Work} failed; trying again in {Interval}", GetType().Name, Interval);
            }
        }
    }
}
