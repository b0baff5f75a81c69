using System.Buffers;

namespace ChatRoom.LoadTest.Wire;

/// <summary>What the generator needs from a hub frame it received; everything else is skipped unread.</summary>
public interface IHubFrameHandler
{
    /// <summary>A <c>MessageCreated</c> event: only its client message id, as UTF-8 bytes, valid during the call.</summary>
    void Delivered(ReadOnlySpan<byte> clientMessageId);

    /// <summary>An invocation's completion: <paramref name="failure"/> is null when it succeeded.</summary>
    void Completed(int invocationId, string? failure);

    /// <summary>The server closed the connection, with its reason if it gave one.</summary>
    void Closed(string? reason);
}

/// <summary>
/// One SignalR hub protocol as the generator speaks it (the format is public: ASP.NET Core's HubProtocol spec):
/// the invocations it sends, and the frames it reads, with no per-frame allocation for <c>MessageCreated</c>.
/// </summary>
public interface IHubWire
{
    /// <summary>The protocol's name in the handshake.</summary>
    string Name { get; }

    bool Binary { get; }

    /// <summary>An invocation of <paramref name="target"/>; no invocation id: the server sends no completion.</summary>
    void WriteInvocation(IBufferWriter<byte> output, int? invocationId, string target, ReadOnlySpan<InvocationArgument> arguments);

    void WritePing(IBufferWriter<byte> output);

    /// <summary>Reads one whole frame from the start of <paramref name="buffer"/>; 0 when it holds no whole frame yet.</summary>
    int TryRead(ReadOnlyMemory<byte> buffer, IHubFrameHandler handler);
}

/// <summary>An argument of the few invocations the generator makes: a room id, a string, or nothing.</summary>
public readonly record struct InvocationArgument(Guid? Room, string? Text)
{
    public static implicit operator InvocationArgument(Guid room) => new(room, null);

    public static implicit operator InvocationArgument(string? text) => new(null, text);
}
