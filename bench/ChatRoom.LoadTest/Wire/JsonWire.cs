using System.Buffers;
using System.Text.Json;

namespace ChatRoom.LoadTest.Wire;

/// <summary>
/// SignalR's JSON protocol: each frame is a JSON object ended by the record separator 0x1E; events carry their
/// arguments in camelCase. Read with <see cref="Utf8JsonReader"/> straight from the receive buffer.
/// </summary>
public sealed class JsonWire : IHubWire
{
    public const byte RecordSeparator = 0x1e;
    private const int Invocation = 1, Completion = 3, Close = 7;

    public string Name => "json";

    public bool Binary => false;

    public void WriteInvocation(IBufferWriter<byte> output, int? invocationId, string target, ReadOnlySpan<InvocationArgument> arguments)
    {
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type"u8, Invocation);
            if (invocationId is { } id)
                writer.WriteString("invocationId"u8, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("target"u8, target);
            writer.WriteStartArray("arguments"u8);
            foreach (var argument in arguments)
            {
                if (argument.Room is { } room)
                    writer.WriteStringValue(room);
                else if (argument.Text is { } text)
                    writer.WriteStringValue(text);
                else
                    writer.WriteNullValue();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.Write([RecordSeparator]);
    }

    public void WritePing(IBufferWriter<byte> output) => output.Write("{\"type\":6}\u001e"u8);

    public int TryRead(ReadOnlyMemory<byte> buffer, IHubFrameHandler handler)
    {
        var span = buffer.Span;
        var end = span.IndexOf(RecordSeparator);
        if (end < 0)
            return 0;
        Read(span[..end], handler);
        return end + 1;
    }

    /// <summary>
    /// Properties may come in any order, so the frame is read once noting what it is: the client message id is
    /// kept as a slice of the frame until the type and target say it was a <c>MessageCreated</c>.
    /// </summary>
    private static void Read(ReadOnlySpan<byte> frame, IHubFrameHandler handler)
    {
        var reader = new Utf8JsonReader(frame);
        int type = 0, invocationId = -1;
        var messageCreated = false;
        string? error = null;
        ReadOnlySpan<byte> clientMessageId = default;
        var found = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
                continue;
            if (reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals("type"u8) && reader.Read())
                    type = reader.GetInt32();
                else if (reader.ValueTextEquals("target"u8) && reader.Read())
                    messageCreated = reader.ValueTextEquals("MessageCreated"u8);
                else if (reader.ValueTextEquals("invocationId"u8) && reader.Read())
                    invocationId = int.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                else if (reader.ValueTextEquals("error"u8) && reader.Read())
                    error = reader.GetString();
            }
            else if (reader.CurrentDepth == 3 && !found && reader.ValueTextEquals("clientMessageId"u8) && reader.Read())
            {
                clientMessageId = reader.ValueSpan; // ids are plain ASCII: nothing to unescape
                found = true;
            }
        }
        switch (type)
        {
            case Invocation when messageCreated && found:
                handler.Delivered(clientMessageId);
                break;
            case Completion:
                handler.Completed(invocationId, error);
                break;
            case Close:
                handler.Closed(error);
                break;
        }
    }
}
