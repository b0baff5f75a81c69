using System.Text.RegularExpressions;
using ChatRoom.Api.Infrastructure;
using ChatRoom.Data.Entities;

namespace ChatRoom.Api.Rooms;

public sealed record AdminRoomResponse(
    Guid Id, Guid LoungeId, string Slug, string Name, string LanguageCode, string? Topic, int SortOrder, string ModerationMode,
    int SlowModeSeconds, bool GuestsCanRead, bool GuestsCanWrite, DateTimeOffset? ArchivedAt)
{
    public static AdminRoomResponse From(Room r) => new(r.Id, r.LoungeId, r.Slug, r.Name, r.LanguageCode, r.Topic, r.SortOrder,
        r.ModerationMode.ToString(), r.SlowModeSeconds, r.GuestsCanRead, r.GuestsCanWrite, r.ArchivedAt);
}

public sealed record AdminLoungeResponse(
    Guid Id, string Slug, string Name, string? Description, int SortOrder, DateTimeOffset? ArchivedAt, IReadOnlyList<AdminRoomResponse> Rooms)
{
    public static AdminLoungeResponse From(Lounge l) => new(l.Id, l.Slug, l.Name, l.Description, l.SortOrder, l.ArchivedAt,
        [.. l.Rooms.OrderBy(r => r.SortOrder).ThenBy(r => r.Name).Select(AdminRoomResponse.From)]);
}

public sealed record CreateLoungeRequest(string? Slug, string? Name, string? Description, int? SortOrder) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        RoomRules.Slug(errors, nameof(Slug), Slug);
        new LoungeChanges(Name ?? "", Description, SortOrder, null).Validate(errors);
    }
}

/// <summary>A partial update: a field left out (or null) keeps its value. The slug names the lounge in links and never changes.</summary>
public sealed record LoungeChanges(string? Name, string? Description, int? SortOrder, bool? Archived) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(Name), Name?.Trim(), 1, 100, required: false);
        errors.Text(nameof(Description), Description?.Trim(), 0, 500, required: false);
        RoomRules.SortOrder(errors, SortOrder);
    }
}

public sealed record CreateRoomRequest(
    string? Slug, string? Name, string? LanguageCode, string? Topic, int? SortOrder, string? ModerationMode, int? SlowModeSeconds,
    bool? GuestsCanRead, bool? GuestsCanWrite) : IValidatable
{
    public RoomChanges Settings => new(Name, LanguageCode, Topic, SortOrder, ModerationMode, SlowModeSeconds, GuestsCanRead, GuestsCanWrite, null);

    public void Validate(ValidationErrors errors)
    {
        RoomRules.Slug(errors, nameof(Slug), Slug);
        if (Name is null)
            errors.Add(nameof(Name), "Name is required.");
        if (LanguageCode is null)
            errors.Add(nameof(LanguageCode), "LanguageCode is required.");
        Settings.Validate(errors);
    }
}

/// <summary>A partial update of a room's settings: a field left out (or null) keeps its value.</summary>
public sealed record RoomChanges(
    string? Name, string? LanguageCode, string? Topic, int? SortOrder, string? ModerationMode, int? SlowModeSeconds,
    bool? GuestsCanRead, bool? GuestsCanWrite, bool? Archived) : IValidatable
{
    public const int MaxSlowModeSeconds = 3600;

    public ModerationMode? ParsedModerationMode => EnumNames.Parse<ModerationMode>(ModerationMode);

    public void Validate(ValidationErrors errors)
    {
        errors.Text(nameof(Name), Name?.Trim(), 1, 100, required: false);
        errors.Text(nameof(Topic), Topic?.Trim(), 0, 500, required: false);
        RoomRules.SortOrder(errors, SortOrder);
        if (LanguageCode is not null)
            RoomRules.LanguageCode(errors, LanguageCode);
        if (ModerationMode is not null && ParsedModerationMode is null)
            errors.Add(nameof(ModerationMode), EnumNames.OneOf<ModerationMode>(nameof(ModerationMode)));
        if (SlowModeSeconds is < 0 or > MaxSlowModeSeconds)
            errors.Add(nameof(SlowModeSeconds), $"SlowModeSeconds must be between 0 (off) and {MaxSlowModeSeconds}.");
        if (GuestsCanWrite == true && GuestsCanRead == false)
            errors.Add(nameof(GuestsCanWrite), "Guests who cannot read a room cannot write in it either.");
    }

    /// <summary>Applies the fields that are set.</summary>
    public void ApplyTo(Room room, DateTimeOffset now)
    {
        room.Name = Name?.Trim() ?? room.Name;
        room.LanguageCode = LanguageCode ?? room.LanguageCode;
        if (Topic is not null)
            room.Topic = Topic.TrimToNull();
        room.SortOrder = SortOrder ?? room.SortOrder;
        room.ModerationMode = ParsedModerationMode ?? room.ModerationMode;
        room.SlowModeSeconds = SlowModeSeconds ?? room.SlowModeSeconds;
        room.GuestsCanRead = GuestsCanRead ?? room.GuestsCanRead;
        room.GuestsCanWrite = GuestsCanWrite ?? room.GuestsCanWrite;
        if (!room.GuestsCanRead)
            room.GuestsCanWrite = false;
        if (Archived is { } archived)
            room.ArchivedAt = archived ? room.ArchivedAt ?? now : null;
    }
}

public static partial class RoomRules
{
    public static void Slug(ValidationErrors errors, string field, string? slug)
    {
        if (slug is null)
            errors.Add(field, $"{field} is required.");
        else if (slug.Length > 64 || !SlugPattern().IsMatch(slug))
            errors.Add(field, $"{field} must be 1 to 64 lowercase letters, digits and single dashes, e.g. \"games-night\".");
    }

    public static void LanguageCode(ValidationErrors errors, string? code)
    {
        if (code is null)
            errors.Add(nameof(LanguageCode), "LanguageCode is required.");
        else if (code.Length > 35 || !LanguageTagPattern().IsMatch(code))
            errors.Add(nameof(LanguageCode), "LanguageCode must be a language tag such as \"en\", \"de\" or \"pt-BR\".");
    }

    public static void SortOrder(ValidationErrors errors, int? sortOrder)
    {
        if (sortOrder is < -10_000 or > 10_000)
            errors.Add(nameof(SortOrder), "SortOrder must be between -10000 and 10000.");
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\z")]
    private static partial Regex LanguageTagPattern();
}
