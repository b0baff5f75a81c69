namespace ChatRoom.Contracts;

/// <summary>A lounge and its open rooms, as <c>GET /api/lounges</c> lists them to anyone.</summary>
public sealed record LoungeResponse(Guid Id, string Slug, string Name, string? Description, IReadOnlyList<RoomSummary> Rooms,
    bool AdultsOnly = false);

/// <summary><see cref="AdultsOnly"/>: only age-verified members (and moderators) read or write there.</summary>
public sealed record RoomSummary(Guid Id, string Slug, string Name, string LanguageCode, string? Topic, bool AdultsOnly = false);
