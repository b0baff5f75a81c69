using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Tests.Moderation;
using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Tests.Worker;

public sealed class RestrictionExpiryJobTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task ExpiredMutesAndBansAreClosedOnceAndTheUserHearsTheMuteIsOver()
    {
        await using var api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings());
        await using var alice = await ChatApi.ConnectAsync(api, "alice");
        var bob = await ChatApi.SignInAsync(api, "bob");
        var notices = new Inbox<ModerationNoticeEvent>();
        alice.Hub.On<ModerationNoticeEvent>(nameof(IChatClient.ModerationNotice), notices.Add);

        var now = DateTimeOffset.UtcNow;
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

        await using var first = ModerationKit.StartWorker(api);
        await using var second = ModerationKit.StartWorker(api);

        var notice = await notices.WaitForAsync(_ => true, TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Open(api);
            return await db.ModerationActions.CountAsync(a => (a.Id == expiredMute || a.Id == expiredBan) && a.LiftedAt != null) == 2;
        });
        await Task.Delay(TimeSpan.FromSeconds(1)); // more runs of both Workers

        Assert.Equal(new ModerationNoticeEvent("Unmute", null, "The mute has expired.", null), notice);
        Assert.Single(notices.Items);
        await using var after = Open(api);
        var actions = await after.ModerationActions.ToDictionaryAsync(a => a.Id, TestContext.Current.CancellationToken);
        Assert.Null(actions[runningMute].LiftedAt);
        Assert.Null(actions[warning].LiftedAt);
        Assert.Equal(now.AddMinutes(-15).ToUnixTimeMilliseconds(), actions[liftedMute].LiftedAt!.Value.ToUnixTimeMilliseconds());
        var audited = await after.AuditEntries.Where(a => a.Action == AuditActions.RestrictionExpired).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { expiredMute.ToString(), expiredBan.ToString() }.Order(), audited.Select(a => a.EntityId).Order());
        Assert.All(audited, a => Assert.Null(a.ActorId));
    }

    private static Guid Add(ChatDbContext db, ModerationActionKind kind, Guid userId, DateTimeOffset created, DateTimeOffset? expires,
        DateTimeOffset? lifted = null)
    {
        var action = new ModerationAction
        {
            Id = Guid.CreateVersion7(), Kind = kind, TargetUserId = userId, Reason = "test", CreatedAt = created,
            ExpiresAt = expires, LiftedAt = lifted,
        };
        db.ModerationActions.Add(action);
        return action.Id;
    }

    private static ChatDbContext Open(ApiFactory api) =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseNpgsql(api.DatabaseConnectionString).UseChatRoomConventions().Options);
}
