using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Tests.Foundation;

public sealed class MigrationServiceTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task MigratesAnEmptyDatabaseAndSeedsTheLoungeAndTheAdmin()
    {
        var connectionString = await infrastructure.CreateEmptyDatabaseAsync();

        await MigrationServiceProcess.RunAsync(connectionString, "founder", "Founder-Password-1");

        await using var db = Open(connectionString);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        var lounge = await db.Lounges.Include(l => l.Rooms).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("lobby", lounge.Slug);
        Assert.Equal(5, lounge.Rooms.Count);
        var admin = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("founder", UserRole.Admin), (admin.UserName, admin.Role));
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", admin.PasswordHash, StringComparison.Ordinal);
        Assert.True(new PasswordHasher(new PasswordHashingOptions()).Verify("Founder-Password-1", admin.PasswordHash!));
        var audit = await db.AuditEntries.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((AuditActions.SeedAdmin, admin.Id.ToString()), (audit.Action, audit.EntityId));
    }

    [Fact]
    public async Task RunningAgainChangesNothingAndNeverResetsTheAdminPassword()
    {
        var connectionString = await infrastructure.CreateEmptyDatabaseAsync();
        await MigrationServiceProcess.RunAsync(connectionString, "founder", "Founder-Password-1");
        string firstHash;
        await using (var db = Open(connectionString))
        {
            firstHash = (await db.Users.SingleAsync(TestContext.Current.CancellationToken)).PasswordHash!;
            // An admin renamed the lounge and archived a room: a rerun must respect that.
            await db.Lounges.ExecuteUpdateAsync(s => s.SetProperty(l => l.Name, "Main hall"), TestContext.Current.CancellationToken);
            await db.Rooms.Where(r => r.LanguageCode == "fr")
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ArchivedAt, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        }

        // Two runs at once, as when two deployments start together, with a different password.
        var runs = await Task.WhenAll(
            MigrationServiceProcess.TryRunAsync(connectionString, "founder", "Other-Password-2"),
            MigrationServiceProcess.TryRunAsync(connectionString, "founder", "Other-Password-2"));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        await using var after = Open(connectionString);
        var lounge = await after.Lounges.Include(l => l.Rooms).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Main hall", lounge.Name);
        Assert.Equal(5, lounge.Rooms.Count);
        Assert.Single(lounge.Rooms, r => r.ArchivedAt != null);
        var admin = await after.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(firstHash, admin.PasswordHash);
        Assert.Equal(1, await after.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("founder", null, "INITIAL_ADMIN_PASSWORD")]
    [InlineData("founder", "short", "INITIAL_ADMIN_PASSWORD")]
    [InlineData("bad name!", "Founder-Password-1", "INITIAL_ADMIN_USERNAME")]
    public async Task RefusesAnUnusableInitialAdminWithAClearMessage(string userName, string? password, string named)
    {
        var connectionString = await infrastructure.CreateEmptyDatabaseAsync();

        var (exitCode, output) = await MigrationServiceProcess.TryRunAsync(connectionString, userName, password);

        Assert.Equal(1, exitCode);
        Assert.Contains(named, output, StringComparison.Ordinal);
        await using var db = Open(connectionString);
        Assert.False(await db.Users.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithoutAnInitialAdminItStillMigratesAndSeedsTheLounge()
    {
        var connectionString = await infrastructure.CreateEmptyDatabaseAsync();

        var (exitCode, output) = await MigrationServiceProcess.TryRunAsync(connectionString, null, null);

        Assert.True(exitCode == 0, output);
        Assert.Contains("no admin account is seeded", output, StringComparison.Ordinal);
        await using var db = Open(connectionString);
        Assert.True(await db.Lounges.AnyAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.Users.AnyAsync(TestContext.Current.CancellationToken));
    }

    private static ChatDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseNpgsql(connectionString).UseChatRoomConventions().Options);
}
