using ChatRoom.LoadTest.Wire;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRoom.LoadTest;

public enum WireProtocol { Json, MessagePack }

/// <summary>One simulated person: a user, the Api instance they are connected to, and the room they sit in.</summary>
public sealed class Member(int index, BenchUser user, Uri api, Guid roomId, LeanHubConnection connection)
{
    public int Index { get; } = index;
    public BenchUser User { get; } = user;
    public Uri Api { get; } = api;
    public Guid RoomId { get; } = roomId;
    public LeanHubConnection Connection { get; } = connection;
}

/// <summary>A member's <c>MessageCreated</c>: the member's index and the client message id in UTF-8.</summary>
public delegate void MemberDelivery(int member, ReadOnlySpan<byte> clientMessageId);

public static class Members
{
    /// <summary>A connection through SignalR's own client, as a third-party client would open it (the idle scenario).</summary>
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
    /// Connects every user to its Api (round robin over <paramref name="apis"/>) and joins its room, through the
    /// generator's lean hub client; each member's <c>MessageCreated</c> goes straight to <paramref name="onMessage"/>.
    /// </summary>
    public static async Task<Member[]> ConnectAndJoinAsync(IReadOnlyList<BenchUser> users, IReadOnlyList<Guid> roomOfUser,
        IReadOnlyList<Uri> apis, WireProtocol protocol, MemberDelivery onMessage, int concurrency, CancellationToken ct)
    {
        var members = new Member[users.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var api = apis[i % apis.Count];
                var connection = await LeanHubConnection.ConnectAsync(api, users[i].AccessToken, protocol, id => onMessage(i, id), token);
                if (await connection.InvokeAsync("JoinRoom", roomOfUser[i], (string?)null) is { } error)
                    throw new InvalidOperationException($"{users[i].UserName} could not join: {error}");
                members[i] = new Member(i, users[i], api, roomOfUser[i], connection);
                if (Interlocked.Increment(ref done) % 500 == 0)
                    Console.WriteLine($"  {done}/{users.Count} connected");
            });
        return members;
    }

    /// <summary>
    /// Heartbeats as the browser sends them (every 30 s per connection), spread evenly, until cancelled: the Worker
    /// would otherwise expire every member's presence partway through a ladder and announce it to the room.
    /// </summary>
    public static async Task HeartbeatAsync(IReadOnlyList<Member> members, CancellationToken ct)
    {
        var gap = TimeSpan.FromSeconds(30) / Math.Max(1, members.Count);
        try
        {
            while (true)
            {
                foreach (var member in members)
                {
                    _ = member.Connection.SendAsync("Heartbeat").ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    await Task.Delay(gap, ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static async Task DisposeAllAsync(IEnumerable<IAsyncDisposable> connections) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (connection, _) => await connection.DisposeAsync());

    /// <summary>A short, stable name for a failed send, to count errors by kind.</summary>
    public static string ErrorKind(Exception exception) => exception switch
    {
        HttpRequestException http => "http: " + (http.StatusCode is { } code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : Shorten(http.Message)),
        TaskCanceledException or OperationCanceledException => "timeout",
        _ => exception.GetType().Name,
    };

    /// <summary>The same for a hub error: its stable code when it carries one (ChatRoom's errors are JSON with a code).</summary>
    public static string ErrorKind(string hubError)
    {
        var code = hubError.IndexOf("\"code\":\"", StringComparison.Ordinal);
        if (code >= 0)
        {
            var start = code + 8;
            var end = hubError.IndexOf('"', start);
            if (end > start)
                return "hub: " + hubError[start..end];
        }
        return "hub: " + Shorten(hubError);
    }

    private static string Shorten(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var message = colon >= 0 ? text[(colon + 1)..].Trim() : text;
        return message.Length <= 60 ? message : message[..60];
    }
}
