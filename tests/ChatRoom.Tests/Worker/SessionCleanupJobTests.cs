using ChatRoom.Data;
using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Tests.Worker;

public sealed class SessionCleanupJobTests(TestInfrastructure infrastructure)
{
    private static readonly Dictionary<string, string> FastCleanup = new()
    {
        ["Jobs:SessionCleanup:Interval"] = "00:00:00.200",
        ["Jobs:SessionCleanup:EndedSessionRetention"] = "1.00:00:00",
    };

    [Fact]
    public async Task EndedSessionsAndExpiredGuestsGoWhileLiveOnesStay()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        var now = DateTimeOffset.UtcNow;
        var world = await SeedAsync(database, now);

        await using var worker = new WorkerFactory(database, infrastructure.CreateRedisConnectionString(), FastCleanup);
        _ = worker.Services;

        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Open(database);
            return !await db.SessionFamilies.AnyAsync(f => f.Id == world.LongExpired || f.Id == world.LongRevoked)
                && await db.Users.AnyAsync(u => u.Id == world.ExpiredGuest && u.DeletedAt != null);
        });

        await using var after = Open(database);
        Assert.False(await after.RefreshTokens.AnyAsync(t => t.FamilyId == world.LongExpired || t.FamilyId == world.LongRevoked));
        Assert.True(await after.SessionFamilies.AnyAsync(f => f.Id == world.Live && f.RevokedAt == null));
        Assert.True(await after.RefreshTokens.AnyAsync(t => t.FamilyId == world.Live));
        Assert.True(await after.SessionFamilies.AnyAsync(f => f.Id == world.RecentlyRevoked));
        var guestSession = await after.SessionFamilies.SingleAsync(f => f.UserId == world.ExpiredGuest);
        Assert.Equal("guest_expired", guestSession.RevokedReason);
        Assert.Null((await after.Users.SingleAsync(u => u.Id == world.LiveGuest)).DeletedAt);
        Assert.Single(await after.AuditEntries.Where(a => a.Action == AuditActions.GuestExpire).ToListAsync());
    }

    [Fact]
    public async Task TwoWorkersTogetherExpireEachGuestOnce()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        var now = DateTimeOffset.UtcNow;
        var guests = new List<Guid>();
        await using (var db = Open(database))
        {
            for (var i = 0; i < 20; i++)
                guests.Add(AddUser(db, $"guest-{i:D2}", UserRole.Guest, now, expiresAt: now.AddMinutes(-1)).Id);
            await db.SaveChangesAsync();
        }
        var redis = infrastructure.CreateRedisConnectionString();

        await using var first = new WorkerFactory(database, redis, FastCleanup);
        await using var second = new WorkerFactory(database, redis, FastCleanup);
        _ = first.Services;
        _ = second.Services;

        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Open(database);
            return await db.Users.CountAsync(u => guests.Contains(u.Id) && u.DeletedAt != null) == guests.Count;
        });
        await Task.Delay(TimeSpan.FromSeconds(1)); // several more runs of both Workers
        await using var after = Open(database);
        var audited = await after.AuditEntries.Where(a => a.Action == AuditActions.GuestExpire).Select(a => a.EntityId).ToListAsync();
        Assert.Equal(guests.Select(g => g.ToString()).Order(), audited.Order());
    }

    private sealed record World(Guid LongExpired, Guid LongRevoked, Guid Live, Guid RecentlyRevoked, Guid ExpiredGuest, Guid LiveGuest);

    private static async Task<World> SeedAsync(string database, DateTimeOffset now)
    {
        await using var db = Open(database);
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

    private static User AddUser(ChatDbContext db, string name, UserRole role, DateTimeOffset now, DateTimeOffset? expiresAt = null)
    {
        var user = new User
        {
            Id = Guid.NewGuid(), UserName = name, NormalizedUserName = User.Normalize(name), Role = role,
            CreatedAt = now, ExpiresAt = expiresAt,
        };
        db.Users.Add(user);
        return user;
    }

    private static Guid AddSession(ChatDbContext db, User user, DateTimeOffset created, DateTimeOffset expires, DateTimeOffset? revoked)
    {
        var family = new SessionFamily { Id = Guid.NewGuid(), UserId = user.Id, CreatedAt = created, ExpiresAt = expires, RevokedAt = revoked };
        family.Tokens.Add(new RefreshToken
        {
            Id = Guid.NewGuid(), FamilyId = family.Id, TokenHash = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray(),
            CreatedAt = created, ExpiresAt = expires,
        });
        db.SessionFamilies.Add(family);
        return family.Id;
    }

    private static ChatDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseNpgsql(connectionString).UseChatRoomConventions().Options);
}
