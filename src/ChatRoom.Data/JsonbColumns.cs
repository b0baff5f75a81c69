using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data;

/// <summary>Lists kept as jsonb (a message's reactions and files): one JSON shape, for EF and for raw SQL readers and writers alike.</summary>
public static class JsonbColumns
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A list kept as jsonb, compared by its JSON; null stays null.</summary>
    public static void AsJson<T>(this PropertyBuilder<List<T>?> property) =>
        property.HasColumnType("jsonb").HasConversion(
            list => JsonSerializer.Serialize(list, Options),
            text => JsonSerializer.Deserialize<List<T>>(text, Options),
            new ValueComparer<List<T>?>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                list => JsonSerializer.Serialize(list, Options).GetHashCode(StringComparison.Ordinal),
                list => list == null ? null : list.ToList()));
}
