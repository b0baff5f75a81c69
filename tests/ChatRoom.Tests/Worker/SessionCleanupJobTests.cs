using ChatRoom.Data;
using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Tests.Worker;

public sealed class SessionCleanupJobTests(SessionCleanupJobTests.CleaningWorker fixture) : IClassFixture<SessionCleanupJobTests.CleaningWorker>
{
    private const string Job = "session-cleanup";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public sealed class CleaningWorker(TestInfrastructure infrastructure) : WorkerFixture(infrastructure)
    {
        protected override (string Key, string Value)[] Settings =>
            [("Jobs:SessionCleanup:Interval", "00:01:00"), ("Jobs:SessionCleanup:EndedSessionRetention", "1.00:00:00")];
    }

    [Fact]
    public async Task EndedSessionsAndExpiredGuestsGoWhileLiveOnesStay()
    {
        var world = await SeedAsync(fixture.Clock.GetUtcNow());

        await WorkerFactory.RunAgainAsync(fixture.Clock, Interval, Job, fixture.Worker);

        await using var after = Open();
        Assert.False(await after.SessionFamilies.AnyAsync(f => f.Id == world.LongExpired || f.Id == world.LongRevoked));
        Assert.False(await after.RefreshTokens.AnyAsync(t => t.FamilyId == world.LongExpired || t.FamilyId == world.LongRevoked));
        Assert.True(await after.SessionFamilies.AnyAsync(f => f.Id == world.Live && f.RevokedAt == null));
        Assert.True(await after.RefreshTokens.AnyAsync(t => t.FamilyId == world.Live));
        Assert.True(await after.SessionFamilies.AnyAsync(f => f.Id == world.RecentlyRevoked));
        Assert.NotNull((await after.Users.SingleAsync(u => u.Id == world.ExpiredGuest)).DeletedAt);
        var guestSession = await after.SessionFamilies.SingleAsync(f => f.UserId == world.ExpiredGuest);
        Assert.Equal("guest_expired", guestSession.RevokedReason);
        Assert.Null((await after.Users.SingleAsync(u => u.Id == world.LiveGuest)).DeletedAt);
        Assert.Equal([world.ExpiredGuest.ToString()], await GuestExpiriesAsync(after, world.ExpiredGuest, world.LiveGuest));
    }

    [Fact]
    public async Task TwoWorkersTogetherExpireEachGuestOnce()
    {
        await using var second = fixture.StartWorker();
        // Both Workers done with the run they start with: the next tick of the clock starts them together.
        await second.WaitForRunsAsync(Job, 1);
        await fixture.Worker.WaitForRunsAsync(Job, 1);
        var now = fixture.Clock.GetUtcNow();
        var guests = new List<Guid>();
        await using (var db = Open())
        {
            for (var i = 0; i < 20; i++)
                guests.Add(AddUser(db, "guest", UserRole.Guest, now, expiresAt: now.AddMinutes(-1)).Id);
            await db.SaveChangesAsync();
        }

        await WorkerFactory.RunAgainAsync(fixture.Clock, Interval, Job, fixture.Worker, second);
        await using (var db = Open())
            Assert.Equal(guests.Count, await db.Users.CountAsync(u => guests.Contains(u.Id) && u.DeletedAt != null));
        // Several more runs of both Workers.
        await WorkerFactory.RunAgainAsync(fixture.Clock, Interval, Job, fixture.Worker, second);
        await WorkerFactory.RunAgainAsync(fixture.Clock, Interval, Job, fixture.Worker, second);

        await using var after = Open();
        Assert.Equal(guests.Select(g => g.ToString()).Order(), (await GuestExpiriesAsync(after, [.. guests])).Order());
    }

    /// <summary>The guests of <paramref name="guests"/> whose expiry was audited, once per audit entry.</summary>
    private static Task<List<string?>> GuestExpiriesAsync(ChatDbContext db, params Guid[] guests)
    {
        var ids = guests.Select(g => g.ToString()).ToList();
        return db.AuditEntries.Where(a => a.Action == AuditActions.GuestExpire && ids.Contains(a.EntityId!)).Select(a => a.EntityId).ToListAsync();
    }

    private sealed record World(Guid LongExpired, Guid LongRevoked, Guid Live, Guid RecentlyRevoked, Guid ExpiredGuest, Guid LiveGuest);

    private async Task<World> SeedAsync(DateTimeOffset now)
    {
        await using var db = Open();
        var user = AddUser(db, "someone", UserRole.User, now);
        var expiredGuest = AddUser(db, "guest-old", UserRole.Guest, now, expiresAt: now.AddMinutes(-5));
        var liveGuest = AddUser(db, "guest-new", UserRole.Guest, now, expiresAt: now.AddHours(5));
        var world = new World(
            AddSession(db, user, now.AddDays(-20), expires: now.AddDays(-6), revoked: null),
            AddSession(db, user, now.AddDays(-5), expires: now.AddDays(9), revoked: now.AddDays(-3)),
            AddSession(db, user, now.AddHours(-1), expires: now.AddDays(14), revoked: null),
            AddSession(db, user, now.AddHours(-2), expires: now.AddDays(14), revoked: now.AddHours(-1)),
            expiredGuest.Id,
            liveGuest.Id);
        AddSession(db, expiredGuest, now.AddHours(-23), expires: now.AddMinutes(10), revoked: null);
        AddSession(db, liveGuest, now.AddHours(-1), expires: now.AddHours(5), revoked: null);
        await db.SaveChangesAsync();
        return world;
    }

    /// <summary>A user with a name of its own (<paramref name="prefix"/> and a suffix): the class shares its database.</summary>
    private static User AddUser(ChatDbContext db, string prefix, UserRole role, DateTimeOffset now, DateTimeOffset? expiresAt = null)
    {
        var name = AuthApi.UniqueName(prefix);
        var user = new User
        {
            Id = Guid.NewGuid(),
            UserName = name,
            NormalizedUserName = User.Normalize(name),
            Role = role,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.Users.Add(user);
        return user;
    }

    private static Guid AddSession(ChatDbContext db, User user, DateTimeOffset created, DateTimeOffset expires, DateTimeOffset? revoked)
    {
        var family = new SessionFamily { Id = Guid.NewGuid(), UserId = user.Id, CreatedAt = created, ExpiresAt = expires, RevokedAt = revoked };
        family.Tokens.Add(new RefreshToken
        {
            Id = Guid.NewGuid(),
            FamilyId = family.Id,
            TokenHash = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray(),
            CreatedAt = created,
            ExpiresAt = expires,
        });
        db.SessionFamilies.Add(family);
        return family.Id;
    }

    private ChatDbContext Open() =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseNpgsql(fixture.DatabaseConnectionString).UseChatRoomConventions().Options);
}
