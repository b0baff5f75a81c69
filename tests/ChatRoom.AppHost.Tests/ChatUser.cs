using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.AppHost.Tests;

/// <summary>
/// A person using ChatRoom as any outside client would: REST to sign up and sign in, then a hub connection
/// with the access token, remembering the messages it receives.
/// </summary>
internal sealed class ChatUser : IAsyncDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly HttpClient _http;
    private readonly HubConnection _hub;
    private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>();

    private ChatUser(HttpClient http, HubConnection hub, string userName)
    {
        _http = http;
        _hub = hub;
        UserName = userName;
        _hub.On<Message>("MessageCreated", message => _messages.Writer.TryWrite(message));
    }

    public string UserName { get; }

    /// <summary>
    /// Two new people, one connected at <paramref name="senderAddress"/> and one at <paramref name="receiverAddress"/>,
    /// join the English room; the first says <paramref name="text"/>. Returns what the second received live.
    /// </summary>
    public static async Task<(string SenderName, Guid RoomId, Message Received)> ConverseAsync(
        Uri senderAddress, Uri receiverAddress, string text)
    {
        await using var sender = await SignUpAsync(senderAddress, "alice");
        await using var receiver = await SignUpAsync(receiverAddress, "bob");
        var room = await sender.EnglishRoomAsync();
        await receiver.JoinAsync(room);
        await sender.JoinAsync(room);

        await sender.SendAsync(room, text);

        return (sender.UserName, room, await receiver.NextMessageAsync());
    }

    /// <summary>Registers a new account (its name made unique), signs in, and connects to the hub at <paramref name="address"/>.</summary>
    public static async Task<ChatUser> SignUpAsync(Uri address, string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var userName = $"{name}_{Guid.NewGuid():N}"[..20];
        var http = new HttpClient { BaseAddress = address, Timeout = Timeouts.Default };
        using (var registered = await http.PostAsJsonAsync("/api/auth/register", new { userName, password = Password }, ct))
            await EnsureAsync(registered, "register");
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password }, ct);
        await EnsureAsync(login, "login");
        var token = (await login.Content.ReadFromJsonAsync<LoginResult>(ct))!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/chat"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await hub.StartAsync(ct);
        return new ChatUser(http, hub, userName);
    }

    public async Task<Guid> EnglishRoomAsync()
    {
        var lounges = await _http.GetFromJsonAsync<List<Lounge>>("/api/lounges", TestContext.Current.CancellationToken);
        return lounges!.Single(l => l.Slug == "lobby").Rooms.Single(r => r.Slug == "english").Id;
    }

    /// <summary>Uploads an identity document for review, as the profile page does.</summary>
    public async Task<HttpResponseMessage> UploadDocumentAsync(byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new("image/png");
        form.Add(file, "document", "id-card.png");
        return await _http.PostAsync("/api/me/verification", form, TestContext.Current.CancellationToken);
    }

    public Task JoinAsync(Guid roomId) =>
        _hub.InvokeAsync<object>("JoinRoom", roomId, null, TestContext.Current.CancellationToken);

    public Task SendAsync(Guid roomId, string content) =>
        _hub.InvokeAsync<object>("SendMessage", roomId, content, Guid.NewGuid().ToString(), TestContext.Current.CancellationToken);

    /// <summary>The next message this user receives live, or a failure after <see cref="Timeouts.Default"/>.</summary>
    public async Task<Message> NextMessageAsync()
    {
        using var timeout = Timeouts.Start();
        return await _messages.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public sealed record Message(Guid Id, Guid RoomId, long Seq, Author Author, string Content);

    public sealed record Author(Guid Id, string UserName);

    private sealed record LoginResult(string AccessToken);

    private sealed record Lounge(string Slug, List<Room> Rooms);

    private sealed record Room(Guid Id, string Slug);
}
