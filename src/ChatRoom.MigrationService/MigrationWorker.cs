using System.Diagnostics;
using ChatRoom.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatRoom.MigrationService;

/// <summary>Migrates, seeds and stops the host; a failure ends the process with exit code 1.</summary>
internal sealed class MigrationWorker(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<MigrationWorker> logger) : BackgroundService
{
    public const string ActivitySourceName = "ChatRoom.MigrationService";
    private static readonly ActivitySource Source = new(ActivitySourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var activity = Source.StartActivity("Migrating database", ActivityKind.Client);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();

            // EF reads the history table by trying it, which on a new database logs a failed command as an error;
            // created first, the table is simply read (and found empty).
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(stoppingToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(stoppingToken)).ToList();
            logger.LogInformation("Applying {Count} pending migration(s): {Migrations}", pending.Count, pending);
            // EF Core takes a database lock while migrating, so two runs at once are safe.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(
                () => db.Database.MigrateAsync(stoppingToken));

            await scope.ServiceProvider.GetRequiredService<DatabaseRoles>().EnsureAsync(db, stoppingToken);
            await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(db, stoppingToken);
            logger.LogInformation("Database is migrated and seeded");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.AddException(ex);
            logger.LogCritical(ex, "Migration failed");
            Environment.ExitCode = 1;
        }
        lifetime.StopApplication();
    }
}
