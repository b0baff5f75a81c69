using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Tests.Moderation;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ChatRoom.Tests.Worker;

/// <summary>
/// The Api is shared by the class; the test starts its own two Workers, on a fake clock of its own: it is about
/// what several Workers do together.
/// </summary>
public sealed class RestrictionExpiryJobTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>
{
    private const string Job = "restriction-expiry";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ExpiredMutesAndBansAreClosedOnceAndTheUserHearsTheMuteIsOver()
    {
        var api = server.Api;
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        var bob = await ChatApi.SignInAsync(api, "bob");
        var notices = new Inbox<ModerationNoticeEvent>();
        alice.Hub.On<ModerationNoticeEvent>(nameof(IChatClient.ModerationNotice), notices.Add);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var now = clock.GetUtcNow();
        var earlier = now.AddMinutes(-1);
        Guid expiredMute, expiredBan, runningMute, liftedMute, warning;
        await using (var db = Open(api))
        {
            expiredMute = Add(db, ModerationActionKind.Mute, alice.UserId, now.AddMinutes(-10), expires: earlier);
            expiredBan = Add(db, ModerationActionKind.Ban, bob.User.Id, now.AddMinutes(-10), expires: earlier);
            runningMute = Add(db, ModerationActionKind.Mute, bob.User.Id, now.AddMinutes(-10), expires: now.AddHours(1));
            liftedMute = Add(db, ModerationActionKind.Mute, alice.UserId, now.AddMinutes(-20), expires: earlier, lifted: now.AddMinutes(-15));
            warning = Add(db, ModerationActionKind.Warn, alice.UserId, now.AddMinutes(-10), expires: null);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        Guid[] ours = [expiredMute, expiredBan, runningMute, liftedMute, warning];

        (string, string) interval = ("Jobs:RestrictionExpiry:Interval", "00:00:15");
        await using var first = ModerationKit.StartWorker(api, clock, interval);
        await using var second = ModerationKit.StartWorker(api, clock, interval);

        var notice = await notices.WaitForAsync(_ => true, TimeSpan.FromSeconds(15));
        await first.WaitForRunsAsync(Job, 1);
        await second.WaitForRunsAsync(Job, 1);
        // More runs of both Workers.
        await WorkerFactory.RunAgainAsync(clock, Interval, Job, first, second);
        await WorkerFactory.RunAgainAsync(clock, Interval, Job, first, second);

        Assert.Equal(new ModerationNoticeEvent("Unmute", null, "The mute has expired.", null), notice);
        Assert.Single(notices.Items);
        await using var after = Open(api);
        var actions = await after.ModerationActions.Where(a => ours.Contains(a.Id)).ToDictionaryAsync(a => a.Id, TestContext.Current.CancellationToken);
        Assert.NotNull(actions[expiredMute].LiftedAt);
        Assert.NotNull(actions[expiredBan].LiftedAt);
        Assert.Null(actions[runningMute].LiftedAt);
        Assert.Null(actions[warning].LiftedAt);
        Assert.Equal(now.AddMinutes(-15).ToUnixTimeMilliseconds(), actions[liftedMute].LiftedAt!.Value.ToUnixTimeMilliseconds());
        var ourIds = ours.Select(id => id.ToString()).ToList();
        var audited = await after.AuditEntries.Where(a => a.Action == AuditActions.RestrictionExpired && ourIds.Contains(a.EntityId!))
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { expiredMute.ToString(), expiredBan.ToString() }.Order(), audited.Select(a => a.EntityId).Order());
        Assert.All(audited, a => Assert.Null(a.ActorId));
    }

    private static Guid Add(ChatDbContext db, ModerationActionKind kind, Guid userId, DateTimeOffset created, DateTimeOffset? expires,
        DateTimeOffset? lifted = null)
    {
        var action = new ModerationAction
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            TargetUserId = userId,
            Reason = "test",
            CreatedAt = created,
            ExpiresAt = expires,
            LiftedAt = lifted,
        };
        db.ModerationActions.Add(action);
        return action.Id;
    }

    private static ChatDbContext Open(ApiFactory api) =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseNpgsql(api.DatabaseConnectionString).UseChatRoomConventions().Options);
}
