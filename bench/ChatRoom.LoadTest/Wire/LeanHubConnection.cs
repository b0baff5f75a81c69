using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace ChatRoom.LoadTest.Wire;

/// <summary>
/// A hub connection that does only what the generator measures, so the generator is never what limits a ladder:
/// a WebSocket speaking SignalR's MessagePack or JSON protocol, invocations that answer with the server's error or
/// nothing, and <c>MessageCreated</c> events handed over as the raw client message id. Receiving allocates nothing
/// per event. The server's other events (presence, typing, heads) are skipped unread.
/// </summary>
public sealed class LeanHubConnection : IHubFrameHandler, IAsyncDisposable
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15); // SignalR's default keep-alive

    private readonly ClientWebSocket _socket = new();
    private readonly IHubWire _wire;
    private readonly DeliveryHandler _onDelivery;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string?>> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task _receiving = Task.CompletedTask;
    private Timer? _pings;
    private int _nextInvocation;
    private byte[] _buffer = new byte[64 * 1024];
    private int _filled;

    public delegate void DeliveryHandler(ReadOnlySpan<byte> clientMessageId);

    private LeanHubConnection(IHubWire wire, DeliveryHandler onDelivery)
    {
        _wire = wire;
        _onDelivery = onDelivery;
    }

    public static async Task<LeanHubConnection> ConnectAsync(Uri api, string accessToken, WireProtocol protocol, DeliveryHandler onDelivery,
        CancellationToken ct)
    {
        var connection = new LeanHubConnection(protocol == WireProtocol.Json ? new JsonWire() : new MessagePackWire(), onDelivery);
        var hub = new UriBuilder(new Uri(api, "/hubs/chat")) { Scheme = api.Scheme == "https" ? "wss" : "ws", Query = "access_token=" + Uri.EscapeDataString(accessToken) };
        await connection._socket.ConnectAsync(hub.Uri, ct);
        await connection.HandshakeAsync(ct);
        connection._receiving = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        connection._pings = new Timer(_ => _ = connection.SendFrameAsync(connection._wire.WritePing), null, PingInterval, PingInterval);
        return connection;
    }

    /// <summary>Calls a hub method and waits for its completion: null when it succeeded, else the server's error.</summary>
    public async Task<string?> InvokeAsync(string target, params InvocationArgument[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocation);
        var completion = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            await SendFrameAsync(output => _wire.WriteInvocation(output, id, target, arguments));
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            _pending.TryRemove(id, out _);
            return "connection lost: " + ex.GetType().Name;
        }
        return await completion.Task;
    }

    /// <summary>Calls a hub method without asking for its completion (as the browser sends heartbeats).</summary>
    public Task SendAsync(string target) => SendFrameAsync(output => _wire.WriteInvocation(output, null, target, []));

    private async Task SendFrameAsync(Action<IBufferWriter<byte>> write)
    {
        var frame = new ArrayBufferWriter<byte>(256);
        write(frame);
        await _sending.WaitAsync(_closing.Token);
        try
        {
            await _socket.SendAsync(frame.WrittenMemory, _wire.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text,
                endOfMessage: true, _closing.Token);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task HandshakeAsync(CancellationToken ct)
    {
        var request = Encoding.UTF8.GetBytes($"{{\"protocol\":\"{_wire.Name}\",\"version\":1}}\u001e");
        await _socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, ct);
        // The answer ({} or {"error":...}) ends with the record separator; frames may follow in the same read.
        while (true)
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), ct);
            if (read.MessageType == WebSocketMessageType.Close)
                throw new WebSocketException("The server closed the connection during the handshake.");
            _filled += read.Count;
            var end = _buffer.AsSpan(0, _filled).IndexOf(JsonWire.RecordSeparator);
            if (end < 0)
                continue;
            var answer = Encoding.UTF8.GetString(_buffer, 0, end);
            if (answer.Contains("\"error\"", StringComparison.Ordinal))
                throw new WebSocketException("Handshake refused: " + answer);
            _buffer.AsSpan(end + 1, _filled - end - 1).CopyTo(_buffer);
            _filled -= end + 1;
            return;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        string? reason = null;
        try
        {
            while (true)
            {
                var consumed = 0;
                int read;
                while ((read = _wire.TryRead(_buffer.AsMemory(consumed, _filled - consumed), this)) > 0)
                    consumed += read;
                if (consumed > 0)
                {
                    _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
                    _filled -= consumed;
                }
                if (_filled == _buffer.Length)
                    Array.Resize(ref _buffer, _buffer.Length * 2); // a frame larger than the buffer
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), _closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                _filled += result.Count;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            reason = ex.Message;
        }
        Closed(reason ?? "closed");
    }

    void IHubFrameHandler.Delivered(ReadOnlySpan<byte> clientMessageId) => _onDelivery(clientMessageId);

    void IHubFrameHandler.Completed(int invocationId, string? failure)
    {
        if (_pending.TryRemove(invocationId, out var completion))
            completion.TrySetResult(failure);
    }

    /// <inheritdoc cref="IHubFrameHandler.Closed"/>
    public void Closed(string? reason)
    {
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var completion))
                completion.TrySetResult("connection closed: " + (reason ?? "no reason"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_pings is not null)
            await _pings.DisposeAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        await _closing.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (OperationCanceledException)
        {
        }
        _socket.Dispose();
        _closing.Dispose();
        _sending.Dispose();
    }
}
