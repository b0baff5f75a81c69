namespace ChatRoom.LoadTest;

// The wire shapes the generator reads, mirrored from ChatRoom.Realtime.Contracts and the auth endpoints:
// the generator is a client like any other and does not reference server code.

public sealed record UserSummary(Guid Id, string UserName, string? DisplayName, string? AvatarUrl);

public sealed record MessageDto(
    Guid Id, Guid RoomId, long Seq, long ChangeSeq, UserSummary Author, string Content, string Status,
    string ClientMessageId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted);

/// <summary>A room's latest change number; real clients catch up when theirs is behind (the generator counts deliveries only).</summary>
public sealed record RoomHeadEvent(Guid RoomId, long ChangeSeq);

public sealed record SendAck(Guid Id, Guid RoomId, long Seq, long ChangeSeq, DateTimeOffset CreatedAt);

public sealed record LoginResponse(string AccessToken, int ExpiresIn, string CsrfToken, UserSummary User);

public sealed record RoomSummary(Guid Id, string Slug, string Name);

public sealed record LoungeResponse(Guid Id, string Slug, string Name, IReadOnlyList<RoomSummary> Rooms);
