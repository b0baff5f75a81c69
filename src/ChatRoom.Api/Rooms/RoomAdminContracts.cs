using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatRoom.Api.Rooms;

public sealed record AdminRoomResponse(
    Guid Id, Guid LoungeId, string Slug, string Name, string LanguageCode, string? Topic, int SortOrder, string ModerationMode,
    int SlowModeSeconds, bool GuestsCanRead, bool GuestsCanWrite, bool RequiresVerifiedPhone, bool AdultsOnly, DateTimeOffset? ArchivedAt)
{
    /// <summary>A language room (of a lounge); conversations are not the admins' to see or change.</summary>
    public static AdminRoomResponse From(Room r) => new(r.Id, r.LoungeId!.Value, r.Slug, r.Name, r.LanguageCode, r.Topic, r.SortOrder,
        r.ModerationMode.ToString(), r.SlowModeSeconds, r.GuestsCanRead, r.GuestsCanWrite, r.RequiresVerifiedPhone, r.AdultsOnly, r.ArchivedAt);
}

/// <summary><see cref="RequiresVerifiedPhone"/> and <see cref="AdultsOnly"/> hold in every room of the lounge, whatever the room's own setting.</summary>
public sealed record AdminLoungeResponse(
    Guid Id, string Slug, string Name, string? Description, int SortOrder, bool RequiresVerifiedPhone, bool AdultsOnly,
    DateTimeOffset? ArchivedAt, IReadOnlyList<AdminRoomResponse> Rooms)
{
    public static AdminLoungeResponse From(Lounge l) => new(l.Id, l.Slug, l.Name, l.Description, l.SortOrder, l.RequiresVerifiedPhone, l.AdultsOnly,
        l.ArchivedAt, [.. l.Rooms.OrderBy(r => r.SortOrder).ThenBy(r => r.Name).Select(AdminRoomResponse.From)]);
}

public sealed record CreateLoungeRequest(
    [MustHave, Slug] string? Slug,
    [MustHave, Text(1, 100, Trim = true)] string? Name,
    [Text(0, 500, Trim = true)] string? Description,
    [Range(-10_000, 10_000, ErrorMessage = RoomRules.SortOrderMessage)] int? SortOrder,
    bool? RequiresVerifiedPhone = null, bool? AdultsOnly = null);

/// <summary>A partial update: a field left out (or null) keeps its value. The slug names the lounge in links and never changes.</summary>
public sealed record LoungeChanges(
    [Text(1, 100, Trim = true)] string? Name,
    [Text(0, 500, Trim = true)] string? Description,
    [Range(-10_000, 10_000, ErrorMessage = RoomRules.SortOrderMessage)] int? SortOrder,
    bool? Archived, bool? RequiresVerifiedPhone = null, bool? AdultsOnly = null);

public sealed record CreateRoomRequest(
    [MustHave, Slug] string? Slug,
    [MustHave, Text(1, 100, Trim = true)] string? Name,
    [MustHave, LanguageTag] string? LanguageCode,
    [Text(0, 500, Trim = true)] string? Topic,
    [Range(-10_000, 10_000, ErrorMessage = RoomRules.SortOrderMessage)] int? SortOrder,
    [EnumName(typeof(ModerationMode))] string? ModerationMode,
    [Range(0, RoomChanges.MaxSlowModeSeconds, ErrorMessage = RoomRules.SlowModeMessage)] int? SlowModeSeconds,
    bool? GuestsCanRead, bool? GuestsCanWrite, bool? RequiresVerifiedPhone, bool? AdultsOnly = null) : IValidatableObject
{
    // A method, not a property: the framework would validate a property's value a second time, under "Settings.".
    public RoomChanges Settings() =>
        new(Name, LanguageCode, Topic, SortOrder, ModerationMode, SlowModeSeconds, GuestsCanRead, GuestsCanWrite, null, RequiresVerifiedPhone, AdultsOnly);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => RoomRules.Guests(GuestsCanRead, GuestsCanWrite);
}

/// <summary>A partial update of a room's settings: a field left out (or null) keeps its value.</summary>
public sealed record RoomChanges(
    [Text(1, 100, Trim = true)] string? Name,
    [LanguageTag] string? LanguageCode,
    [Text(0, 500, Trim = true)] string? Topic,
    [Range(-10_000, 10_000, ErrorMessage = RoomRules.SortOrderMessage)] int? SortOrder,
    [EnumName(typeof(ModerationMode))] string? ModerationMode,
    [Range(0, RoomChanges.MaxSlowModeSeconds, ErrorMessage = RoomRules.SlowModeMessage)] int? SlowModeSeconds,
    bool? GuestsCanRead, bool? GuestsCanWrite, bool? Archived, bool? RequiresVerifiedPhone = null, bool? AdultsOnly = null) : IValidatableObject
{
    public const int MaxSlowModeSeconds = 3600;

    [JsonIgnore]
    public ModerationMode? ParsedModerationMode => EnumNames.Parse<ModerationMode>(ModerationMode);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => RoomRules.Guests(GuestsCanRead, GuestsCanWrite);

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
        room.RequiresVerifiedPhone = RequiresVerifiedPhone ?? room.RequiresVerifiedPhone;
        room.AdultsOnly = AdultsOnly ?? room.AdultsOnly;
        if (Archived is { } archived)
            room.ArchivedAt = archived ? room.ArchivedAt ?? now : null;
    }
}

public static partial class RoomRules
{
    public const string SortOrderMessage = "{0} must be between {1} and {2}.";
    public const string SlowModeMessage = "{0} must be between {1} (off) and {2}.";

    public static IEnumerable<ValidationResult> Guests(bool? canRead, bool? canWrite)
    {
        if (canWrite == true && canRead == false)
            yield return new ValidationResult("Guests who cannot read a room cannot write in it either.", ["GuestsCanWrite"]);
    }

    public static bool IsSlug(string slug) => slug.Length <= 64 && SlugPattern().IsMatch(slug);

    public static bool IsLanguageTag(string code) => code.Length <= 35 && LanguageTagPattern().IsMatch(code);

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\z")]
    private static partial Regex LanguageTagPattern();
}

/// <summary>1 to 64 lowercase letters, digits and single dashes: how lounges and rooms are named in links.</summary>
public sealed class SlugAttribute : TextRuleAttribute
{
    protected override string? Problem(string value, string field) => RoomRules.IsSlug(value) ? null
        : $"{field} must be 1 to 64 lowercase letters, digits and single dashes, e.g. \"games-night\".";
}

/// <summary>A BCP 47 language tag such as "en" or "pt-BR".</summary>
public sealed class LanguageTagAttribute : TextRuleAttribute
{
    protected override string? Problem(string value, string field) => RoomRules.IsLanguageTag(value) ? null
        : $"{field} must be a language tag such as \"en\", \"de\" or \"pt-BR\".";
}
