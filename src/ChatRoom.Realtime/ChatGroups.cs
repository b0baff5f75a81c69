namespace ChatRoom.Realtime;

/// <summary>SignalR group names; membership is always decided by the server.</summary>
public static class ChatGroups
{
    public static string Room(Guid roomId) => $"room:{roomId:N}";

    public static string User(Guid userId) => $"user:{userId:N}";

    /// <summary>Moderators and admins: they see pending messages of pre-moderated rooms.</summary>
    public const string Moderators = "moderators";
}
