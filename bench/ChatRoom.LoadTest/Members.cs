using ChatRoom.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.LoadTest;

public enum WireProtocol { Json, MessagePack }

/// <summary>One simulated person: a user, the Api instance they are connected to, and the room they sit in.</summary>
public sealed class Member(int index, BenchUser user, Uri api, Guid roomId, HubConnection connection)
{
    public int Index { get; } = index;
    public BenchUser User { get; } = user;
    public Uri Api { get; } = api;
    public Guid RoomId { get; } = roomId;
    public HubConnection Connection { get; } = connection;
}

public static class Members
{
    public static HubConnection Connect(Uri api, string accessToken, WireProtocol protocol)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(api, "/hubs/chat"), options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        if (protocol == WireProtocol.MessagePack)
            builder.AddMessagePackProtocol();
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        return connection;
    }

    /// <summary>
    /// Connects every user to its Api (round robin over <paramref name="apis"/>) and joins its room; each member's
    /// <c>MessageCreated</c> goes straight to the tracker.
    /// </summary>
    public static async Task<Member[]> ConnectAndJoinAsync(IReadOnlyList<BenchUser> users, IReadOnlyList<Guid> roomOfUser,
        IReadOnlyList<Uri> apis, WireProtocol protocol, DeliveryTracker? tracker, int concurrency, CancellationToken ct)
    {
        var members = new Member[users.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var api = apis[i % apis.Count];
                var connection = Connect(api, users[i].AccessToken, protocol);
                if (tracker is not null)
                    connection.On<MessageDto>("MessageCreated", message => tracker.Received(i, message.ClientMessageId));
                connection.On<RoomHeadEvent>("RoomHead", _ => { });
                await connection.StartAsync(token);
                await connection.InvokeAsync<object>("JoinRoom", roomOfUser[i], null, token);
                members[i] = new Member(i, users[i], api, roomOfUser[i], connection);
                if (Interlocked.Increment(ref done) % 500 == 0)
                    Console.WriteLine($"  {done}/{users.Count} connected");
            });
        return members;
    }

    public static async Task DisposeAllAsync(IEnumerable<HubConnection> connections) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (connection, _) => await connection.DisposeAsync());

    /// <summary>A short, stable name for a failed send, to count errors by kind.</summary>
    public static string ErrorKind(Exception exception) => exception switch
    {
        HubException hub when hub.Message.Contains("too fast", StringComparison.Ordinal) => "rate limited",
        HubException hub => "hub: " + Shorten(hub.Message),
        HttpRequestException http => "http: " + (http.StatusCode is { } code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : Shorten(http.Message)),
        TaskCanceledException or OperationCanceledException => "timeout",
        _ => exception.GetType().Name,
    };

    private static string Shorten(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var message = colon >= 0 ? text[(colon + 1)..].Trim() : text;
        return message.Length <= 60 ? message : message[..60];
    }
}
