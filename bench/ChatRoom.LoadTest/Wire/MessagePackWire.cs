using System.Buffers;
using MessagePack;

namespace ChatRoom.LoadTest.Wire;

/// <summary>
/// SignalR's MessagePack protocol: each frame is a VarInt length and a MessagePack array whose first item is the
/// message type. Events carry their arguments as the server serialised them (objects as maps by property name).
/// </summary>
public sealed class MessagePackWire : IHubWire
{
    private const int Invocation = 1, Completion = 3, Ping = 6, Close = 7;
    private const int ErrorResult = 1;

    public string Name => "messagepack";

    public bool Binary => true;

    public void WriteInvocation(IBufferWriter<byte> output, int? invocationId, string target, ReadOnlySpan<InvocationArgument> arguments)
    {
        var body = new ArrayBufferWriter<byte>(128);
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(6);
        writer.Write(Invocation);
        writer.WriteMapHeader(0);
        if (invocationId is { } id)
            writer.Write(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        else
            writer.WriteNil();
        writer.Write(target);
        writer.WriteArrayHeader(arguments.Length);
        foreach (var argument in arguments)
        {
            if (argument.Room is { } room)
                writer.Write(room.ToString()); // MessagePack-CSharp writes a Guid as its 36-character string
            else if (argument.Text is { } text)
                writer.Write(text);
            else
                writer.WriteNil();
        }
        writer.WriteArrayHeader(0); // stream ids
        writer.Flush();
        WriteLength(output, body.WrittenCount);
        output.Write(body.WrittenSpan);
    }

    public void WritePing(IBufferWriter<byte> output)
    {
        var body = new ArrayBufferWriter<byte>(8);
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(1);
        writer.Write(Ping);
        writer.Flush();
        WriteLength(output, body.WrittenCount);
        output.Write(body.WrittenSpan);
    }

    public int TryRead(ReadOnlyMemory<byte> buffer, IHubFrameHandler handler)
    {
        if (!TryReadLength(buffer.Span, out var length, out var prefix) || buffer.Length < prefix + length)
            return 0;
        Read(new MessagePackReader(buffer.Slice(prefix, length)), handler);
        return prefix + length;
    }

    private static void Read(MessagePackReader reader, IHubFrameHandler handler)
    {
        var items = reader.ReadArrayHeader();
        switch (reader.ReadInt32())
        {
            case Invocation:
                reader.Skip(); // headers
                reader.Skip(); // invocation id (events have none)
                if (!reader.TryReadStringSpan(out var target) || !target.SequenceEqual("MessageCreated"u8))
                    return;
                if (reader.ReadArrayHeader() < 1)
                    return;
                var fields = reader.ReadMapHeader();
                for (var i = 0; i < fields; i++)
                {
                    if (reader.TryReadStringSpan(out var key) && key.SequenceEqual("ClientMessageId"u8) && reader.TryReadStringSpan(out var id))
                    {
                        handler.Delivered(id);
                        return;
                    }
                    reader.Skip();
                }
                return;
            case Completion:
                reader.Skip(); // headers
                var invocationId = int.Parse(reader.ReadString()!, System.Globalization.CultureInfo.InvariantCulture);
                var kind = reader.ReadInt32();
                handler.Completed(invocationId, kind == ErrorResult ? reader.ReadString() ?? "error" : null);
                return;
            case Close:
                handler.Closed(items > 1 && !reader.TryReadNil() ? reader.ReadString() : null);
                return;
        }
    }

    private static void WriteLength(IBufferWriter<byte> output, int length)
    {
        Span<byte> prefix = stackalloc byte[5];
        var n = 0;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            prefix[n++] = length > 0 ? (byte)(b | 0x80) : b;
        } while (length > 0);
        output.Write(prefix[..n]);
    }

    private static bool TryReadLength(ReadOnlySpan<byte> buffer, out int length, out int prefix)
    {
        length = 0;
        for (prefix = 0; prefix < Math.Min(5, buffer.Length); prefix++)
        {
            length |= (buffer[prefix] & 0x7f) << (7 * prefix);
            if ((buffer[prefix] & 0x80) == 0)
            {
                prefix++;
                return true;
            }
        }
        return false;
    }
}
