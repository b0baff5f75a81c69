using System.ComponentModel.DataAnnotations;

namespace ChatRoom.Chat;

public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>
    /// Prefix of every Redis channel of the installation (the backplane's, the revocations') and of its moderation
    /// stream's key. The Api and the Worker, and every replica of them, must use the same.
    /// </summary>
    [Required]
    public string ChannelPrefix { get; set; } = "chatroom";

    /// <summary>Origins allowed to open hub connections; empty means same-origin requests (and non-browser clients) only.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// How often each Api replica re-checks, in one database query, every session it serves (open connections and
    /// recent requests): what bounds a revocation's delay when its announcement over Redis was lost.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan SessionWatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Hub calls a connection may make per second on average (typing, joins, sends, heartbeats together).</summary>
    [Range(1, 10_000)]
    public int HubCallsPerSecond { get; set; } = 20;

    /// <summary>Hub calls a connection may make at once after being quiet.</summary>
    [Range(1, 100_000)]
    public int HubCallBurst { get; set; } = 60;

    /// <summary>
    /// How often each Api replica tells its connections the latest committed change number of the rooms they are
    /// in (<c>RoomHead</c>), when it moved: a client whose events were lost notices the missing tail from it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan RoomHeadInterval { get; set; } = TimeSpan.FromSeconds(2);
}
