using System.Collections.Concurrent;
using ChatRoom.Contracts;
using Microsoft.AspNetCore.SignalR;

// Only what the load generator touches: sign-in that hands out a name, the lounges, the hub and the REST send.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = 16 * 1024).AddMessagePackProtocol();
builder.Services.AddSingleton<Rooms>();
var app = builder.Build();

app.MapPost("/api/auth/register", () => Results.Created());
app.MapPost("/api/auth/login", (SignIn request) => Baseline.SignedIn(request.UserName));
app.MapPost("/api/auth/refresh", () => Results.Unauthorized());
app.MapGet("/api/lounges", (Rooms rooms) => rooms.Lounges);
app.MapPost("/api/rooms/{roomId:guid}/messages", async (Guid roomId, SendMessage request, Rooms rooms, IHubContext<BaselineHub, IChatClient> hub) =>
{
    var message = rooms.NewMessage(roomId, Baseline.Anyone, request.Content ?? "", request.ClientMessageId ?? "");
    await hub.Clients.Group(roomId.ToString()).MessageCreated(message);
    return Results.Created($"/api/messages/{message.Id}", message);
});
app.MapHub<BaselineHub>("/hubs/chat");
app.Run();

internal sealed record SignIn(string UserName);

internal sealed record SendMessage(string? Content, string? ClientMessageId);

internal static class Baseline
{
    // Fields as long as a bench user's, so the payload is the size of ChatRoom's.
    public static readonly UserSummary Anyone = new(Guid.NewGuid(), "bench-00001", "bench-00001", null, "User");

    // The "token" is the user name: nothing checks it.
    public static TokenResponse SignedIn(string userName) =>
        new(userName, 86_400, "csrf", new UserResponse(Guid.NewGuid(), userName, null, null, "User", DateTimeOffset.UtcNow));
}

/// <summary>The seeded lounge with one room, and a lounge <c>bench</c> of 200 rooms, as bench.sh prepares ChatRoom's.</summary>
internal sealed class Rooms
{
    private readonly ConcurrentDictionary<Guid, RoomCounter> _counters = new();

    public Rooms()
    {
        RoomSummary Room(int i) => new(new Guid(i, 0, 0, new byte[8]), $"room-{i}", $"Room {i}", "en", null);
        Lounges =
        [
            new(Guid.NewGuid(), "lobby", "Lobby", null, [Room(1)]),
            new(Guid.NewGuid(), "bench", "Bench", null, [.. Enumerable.Range(100, 200).Select(Room)]),
        ];
    }

    public IReadOnlyList<LoungeResponse> Lounges { get; }

    /// <summary>A message as ChatRoom shapes it, numbered per room.</summary>
    public MessageDto NewMessage(Guid roomId, UserSummary author, string content, string clientMessageId)
    {
        var seq = _counters.GetOrAdd(roomId, _ => new RoomCounter()).Next();
        return new MessageDto(Guid.CreateVersion7(), roomId, seq, seq, author, content, "Approved", clientMessageId, DateTimeOffset.UtcNow, null, false);
    }

    private sealed class RoomCounter
    {
        private long _seq;

        public long Next() => Interlocked.Increment(ref _seq);
    }
}

/// <summary><c>JoinRoom</c> puts the connection in the room's group; <c>SendMessage</c> numbers the message and sends it to the group.</summary>
internal sealed class BaselineHub(Rooms rooms) : Hub<IChatClient>
{
    public async Task<JoinRoomResult> JoinRoom(Guid roomId, long? afterChangeSeq)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, roomId.ToString());
        return new JoinRoomResult(new RoomInfo(roomId, Guid.Empty, "room", "Room", "en", null, "PostModerated", 0, true), [], [], 0, false);
    }

    public Task Heartbeat() => Task.CompletedTask;

    public async Task<SendAck> SendMessage(Guid roomId, string content, string clientMessageId)
    {
        var message = rooms.NewMessage(roomId, Baseline.Anyone, content, clientMessageId);
        await Clients.Group(roomId.ToString()).MessageCreated(message);
        return new SendAck(message.Id, roomId, message.Seq, message.ChangeSeq, message.CreatedAt);
    }
}
