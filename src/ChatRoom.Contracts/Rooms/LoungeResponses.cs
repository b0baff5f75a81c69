namespace ChatRoom.Contracts;

/// <summary>A lounge and its open rooms, as <c>GET /api/lounges</c> lists them to anyone.</summary>
public sealed record LoungeResponse(Guid Id, string Slug, string Name, string? Description, IReadOnlyList<RoomSummary> Rooms);

public sealed record RoomSummary(Guid Id, string Slug, string Name, string LanguageCode, string? Topic);
