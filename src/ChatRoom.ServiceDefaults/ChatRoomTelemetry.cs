namespace Microsoft.Extensions.Hosting;

public static class ChatRoomTelemetry
{
    /// <summary>Every ChatRoom meter and activity source is named <c>ChatRoom.Something</c>.</summary>
    public const string MeterPrefix = "ChatRoom.*";
    public const string SourcePrefix = "ChatRoom.*";
}
