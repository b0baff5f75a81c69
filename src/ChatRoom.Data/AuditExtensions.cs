using System.Text.Json;
using ChatRoom.Data.Entities;

namespace ChatRoom.Data;

public static class AuditExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an audit entry to the context's pending changes, so it commits in the same transaction
    /// (the same <c>SaveChanges</c>) as the change it records.
    /// </summary>
    public static AuditEntry Audit(this ChatDbContext db, string action, string entityType, object? entityId,
        Guid? actorId, DateTimeOffset at, object? before = null, object? after = null, object? metadata = null,
        string? ipAddress = null)
    {
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(at),
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            ActorId = actorId,
            IpAddress = ipAddress,
            CreatedAt = at,
            Before = ToJson(before),
            After = ToJson(after),
            Metadata = ToJson(metadata),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static JsonDocument? ToJson(object? value) => value is null ? null : JsonSerializer.SerializeToDocument(value, Json);
}
