using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;

namespace ChatRoom.AppHost.Tests;

/// <summary>What a person does in the browser, through the only public endpoint: the Web.</summary>
[Collection(ChatRoomApp.Name)]
public sealed class ChatThroughWebTests(ChatRoomAppFixture chatRoom)
{
    [Fact]
    public async Task TwoPeopleSignUpJoinTheEnglishRoomAndOneHearsTheOther()
    {
        var web = chatRoom.App.GetEndpoint("web", "http");

        var (sender, room, received) = await ChatUser.ConverseAsync(web, web, "hi bob, this came through the web");

        Assert.Equal("hi bob, this came through the web", received.Content);
        Assert.Equal(sender, received.Author.UserName);
        Assert.Equal(room, received.RoomId);
    }

    [Fact]
    public async Task WebServesTheSpaWithItsScript()
    {
        var ct = TestContext.Current.CancellationToken;
        using var web = chatRoom.App.CreateHttpClient("web");

        using var page = await web.GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(ct);
        // A page whose bundle does not load is a blank page: fetch the script index.html points at.
        var script = Regex.Match(html, "<script[^>]+src=\"(/assets/[^\"]+\\.js)\"");
        Assert.True(script.Success, "index.html references no /assets/*.js bundle: " + html);
        using var bundle = await web.GetAsync(new Uri(script.Groups[1].Value, UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }
}
