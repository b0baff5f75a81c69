using System.Text.RegularExpressions;
using ChatRoom.Tests.Realtime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatRoom.Tests.Browser;

[Collection(OneBrowserClassAtATime.Name)]
public sealed class ReconnectTests(LiveSystem system) : BrowserTest(system), IClassFixture<LiveSystem>
{
    [Fact]
    public async Task MessagesSentWhileTheApiRestartsArriveOnceEachAfterTheReconnect()
    {
        var rooms = await ChatApi.RoomsAsync(Servers.Api);
        var ana = await OpenBrowserAsync("ana");
        await ana.RegisterAsync(AuthApi.UniqueName("ana"));
        await ana.OpenRoomAsync("Español");
        // Ben is on another replica of the same installation, which stays up while Ana's Api restarts.
        await using var replica = Servers.Api.StartReplica();
        var ben = await replica.NewHttpClient().RegisterAndLoginAsync("ben");
        var espanol = rooms[1];
        var before = await ben.SendOverRestAsync(espanol, "before the restart");
        await Expect(ana.Message(before.Content)).ToBeVisibleAsync();

        await Servers.StopApiAsync();
        await Expect(ana.ConnectionBanner).ToHaveTextAsync("Reconnecting…");
        var whileDown = new List<string>();
        for (var i = 1; i <= 3; i++)
            whileDown.Add((await ben.SendOverRestAsync(espanol, $"while the Api is down #{i}")).Content);
        Servers.StartApiAgain();
        var afterRestart = (await ben.SendOverRestAsync(espanol, "after the restart")).Content;

        await Expect(ana.ConnectionBanner).ToBeEmptyAsync(new() { Timeout = 20_000 });
        string[] expected = [before.Content, .. whileDown, afterRestart];
        foreach (var text in expected)
            await Expect(ana.Message(text)).ToHaveCountAsync(1);
        await Expect(ana.Messages.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(
            [.. expected.Select(text => new Regex(Regex.Escape(text)))]);

        // And the restarted Api carries the conversation on both ways.
        await ana.SendAsync("back again");
        await Eventually.HoldsAsync(async () =>
            (await ben.HistoryAsync(espanol)).Messages.Any(m => m.Content == "back again"));
    }
}
