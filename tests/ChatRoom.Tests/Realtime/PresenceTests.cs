using ChatRoom.Chat.Presence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatRoom.Tests.Realtime;

/// <summary>Who is online, who is in the room, who is typing.</summary>
public sealed class PresenceTests(ChatServerFixture server) : IClassFixture<ChatServerFixture>, IAsyncLifetime
{
    private readonly ApiServer _api = server.Api;
    private Guid _room;

    public async ValueTask InitializeAsync() => _room = await server.NewRoomAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AConnectedUserIsInTheOnlineListUntilTheyDisconnect()
    {
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(_room);
        var alice = await ChatApi.ConnectAsync(_api, "alice");
        await alice.JoinAsync(_room);

        var whileConnected = await bob.Session.GetFromJsonAsync<List<OnlineUser>>("/api/presence");
        await alice.DisposeAsync();
        // The server notices the closed connection on its own time; the room hears when it has.
        await bob.Left.WaitForAsync(l => l.User.Id == alice.UserId);
        var afterwards = await bob.Session.GetFromJsonAsync<List<OnlineUser>>("/api/presence");

        var entry = Assert.Single(whileConnected, o => o.User.Id == alice.UserId);
        Assert.Equal(alice.Session.User.UserName, entry.User.UserName);
        Assert.True(DateTimeOffset.UtcNow - entry.LastSeenAt < TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(afterwards, o => o.User.Id == alice.UserId);
    }

    [Fact]
    public async Task OthersInTheRoomSeeSomeoneJoinAndLeave()
    {
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(_room);
        var alice = await ChatApi.ConnectAsync(_api, "alice");

        var joined = await alice.JoinAsync(_room);
        var arrival = await bob.Joined.WaitForAsync(j => j.User.Id == alice.UserId);
        await alice.LeaveAsync(_room);
        await bob.Left.WaitForCountAsync(1, l => l.User.Id == alice.UserId);
        await alice.JoinAsync(_room);
        await bob.Joined.WaitForCountAsync(2, j => j.User.Id == alice.UserId);
        await alice.DisposeAsync();
        var departures = await bob.Left.WaitForCountAsync(2, l => l.User.Id == alice.UserId);

        Assert.Equal(new[] { alice.UserId, bob.UserId }.Order(), joined.Online.Select(u => u.Id).Order());
        Assert.Equal((_room, alice.Session.User.UserName), (arrival.RoomId, arrival.User.UserName));
        Assert.All(departures, d => Assert.Equal(_room, d.RoomId));
        Assert.DoesNotContain(bob.Joined.Items, j => j.User.Id == bob.UserId);
    }

    [Fact]
    public async Task TypingReachesTheOthersInTheRoomAtMostOnceEveryTwoSeconds()
    {
        var (alice, bob) = await TwoInTheRoomAsync();
        await using var _ = alice;
        await using var __ = bob;

        await alice.TypingAsync(_room, true);
        await alice.TypingAsync(_room, true);
        await alice.TypingAsync(_room, true);
        await alice.TypingAsync(_room, false);
        // "Stopped typing" always goes through; the events of one sender arrive in order, so once it is
        // in, any "is typing" that was passed on is in too.
        await bob.Typing.WaitForAsync(t => !t.IsTyping);

        Assert.Equal([true, false], bob.Typing.Items.Select(t => t.IsTyping));
        Assert.All(bob.Typing.Items, t => Assert.Equal((alice.UserId, _room), (t.User.Id, t.RoomId)));
        Assert.Empty(alice.Typing.Items);
    }

    [Fact]
    public async Task AlternatingIsTypingAndStoppedDoesNotGetPastTheThrottle()
    {
        var (alice, bob) = await TwoInTheRoomAsync();
        await using var _ = alice;
        await using var __ = bob;

        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            await alice.TypingAsync(_room, true);
            await alice.TypingAsync(_room, false);
        }
        var windows = (int)(started.Elapsed / TimeSpan.FromSeconds(2)) + 1;
        // A message after them arrives after any typing event they caused (one sender's events keep their order).
        var sentinel = await alice.SendAsync(_room, "done typing");
        await bob.Created.WaitForAsync(m => m.Id == sentinel.Id);

        // At most one "is typing" and its "stopped" per two seconds, whatever the sender does.
        Assert.InRange(bob.Typing.Items.Count, 2, 2 * windows);
        Assert.Equal(bob.Typing.Items.Count / 2, bob.Typing.Items.Count(t => t.IsTyping));
    }

    private async Task<(ChatClient Alice, ChatClient Bob)> TwoInTheRoomAsync()
    {
        var alice = await ChatApi.ConnectAsync(_api, "alice");
        var bob = await ChatApi.ConnectAsync(_api, "bob");
        await alice.JoinAsync(_room);
        await bob.JoinAsync(_room);
        return (alice, bob);
    }

    [Fact]
    public async Task TypingInARoomOneHasNotJoinedIsRefused()
    {
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.TypingAsync(_room, true));

        Assert.Contains("Join the room", refused.Detail(ErrorCodes.ChatNotJoined), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArrivalAndDepartureAreAnnouncedToTheRoomForTheFirstAndLastTabOnlyAndNotToStrangers()
    {
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(_room);
        await using var stranger = await ChatApi.ConnectAsync(_api, "stranger");
        var alice = await ChatApi.SignInAsync(_api, "alice");

        var firstTab = await ChatClient.ConnectAsync(_api, alice);
        await firstTab.JoinAsync(_room);
        await bob.Joined.WaitForAsync(j => j.User.Id == alice.User.Id);
        var secondTab = await ChatClient.ConnectAsync(_api, alice);
        await secondTab.JoinAsync(_room);
        await firstTab.DisposeAsync();
        var stillOnline = await bob.Session.GetFromJsonAsync<List<OnlineUser>>("/api/presence");
        await secondTab.DisposeAsync();
        await bob.Left.WaitForAsync(l => l.User.Id == alice.User.Id);

        Assert.Contains(stillOnline, o => o.User.Id == alice.User.Id);
        Assert.Single(bob.Joined.Items, j => j.User.Id == alice.User.Id);
        Assert.Single(bob.Left.Items, l => l.User.Id == alice.User.Id);
        // Someone in no shared room is not sent a frame for every arrival and departure.
        await stranger.HeartbeatAsync();
        Assert.DoesNotContain(stranger.Presence.Items, p => p.UserId == alice.User.Id);
    }

    [Fact]
    public async Task AHeartbeatOverRestBringsAUserBackOnlineForTheRoomsSheIsInAndNoOneElse()
    {
        await using var bob = await ChatApi.ConnectAsync(_api, "bob");
        await bob.JoinAsync(_room);
        await using var stranger = await ChatApi.ConnectAsync(_api, "stranger");
        await using var alice = await ChatApi.ConnectAsync(_api, "alice");
        await alice.JoinAsync(_room);
        // Shown offline meanwhile, as the Worker does with someone silent for too long.
        await _api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .SortedSetRemoveAsync(PresenceTracker.SeenKey, alice.UserId.ToString("N"));

        using var heartbeat = await alice.Session.SendAsync(HttpMethod.Post, "/api/presence/heartbeat");
        var announced = await bob.Presence.WaitForAsync(p => p.UserId == alice.UserId);
        var online = await bob.Session.GetFromJsonAsync<List<OnlineUser>>("/api/presence");
        await stranger.HeartbeatAsync();

        Assert.Equal(HttpStatusCode.NoContent, heartbeat.StatusCode);
        Assert.True(announced.Online);
        Assert.Contains(online, o => o.User.Id == alice.UserId);
        Assert.DoesNotContain(stranger.Presence.Items, p => p.UserId == alice.UserId);
    }
}
