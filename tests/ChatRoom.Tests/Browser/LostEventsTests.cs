using ChatRoom.Tests.Realtime;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

/// <summary>
/// Redis, which carries the live events between the Api replicas, goes away while a person has a room open. The
/// page's connection never drops, so nothing would make it re-join: it must notice on its own what it missed.
/// </summary>
[Collection(OneBrowserClassAtATime.Name)]
public sealed class LostEventsTests(LiveSystemWithOwnRedis system) : BrowserTest(system), IClassFixture<LiveSystemWithOwnRedis>
{
    [Fact]
    public async Task WhatOthersWriteAndDeleteWhileRedisIsDownAppearsWithoutAReload()
    {
        var espanol = (await ChatApi.RoomsAsync(Servers.Api))[1];
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"));
        await ana.OpenRoomAsync("Español");
        // Ben writes through another replica: his events reach Ana's only through Redis.
        await using var replica = Servers.Api.StartReplica();
        var ben = await replica.NewHttpClient().RegisterAndLoginAsync("ben");
        var doomed = await ben.SendOverRestAsync(espanol, "this one will be deleted");
        await Expect(ana.Message(doomed.Content)).ToBeVisibleAsync();

        await Servers.OwnRedis!.StopAsync();
        var whileDown = new List<string>();
        for (var i = 1; i <= 3; i++)
            whileDown.Add((await ben.SendOverRestAsync(espanol, $"written while Redis is down #{i}")).Content);
        (await ben.DeleteAsync(doomed.Id)).Dispose();

        // The room's head reaches Ana's page straight from her replica; the page catches up from the database.
        foreach (var text in whileDown)
            await Expect(ana.Message(text)).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(ana.Message(doomed.Content)).ToHaveCountAsync(0);
        await Expect(ana.ConnectionBanner).ToBeEmptyAsync();

        await Servers.OwnRedis.StartAgainAsync();
        var after = await ben.SendOverRestAsync(espanol, "after Redis is back");
        await Expect(ana.Message(after.Content)).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        Assert.Empty(PageErrors);
    }
}
