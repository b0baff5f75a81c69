using System.Text.Json;
using ChatRoom.Api.Auth;

namespace ChatRoom.Api.Admin;

public sealed record AuditEntryResponse(
    Guid Id, string Action, string EntityType, string? EntityId, Guid? ActorId, string? ActorName, string? IpAddress,
    DateTimeOffset CreatedAt, JsonElement? Before, JsonElement? After, JsonElement? Metadata);

public sealed record AuditQuery(
    string? Action, Guid? ActorId, string? EntityType, string? EntityId, DateTimeOffset? From, DateTimeOffset? To,
    string? Cursor, int? Limit);

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/audit")
            .WithTags("Admin")
            .RequireAuthorization(AuthRegistration.AdminPolicy)
            .MapGet("/", Query)
            .WithSummary("Audit entries, newest first, filtered by action, actor, entity and time range (from inclusive, to exclusive); cursor-paged.");
        return app;
    }

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> Query(
        [AsParameters] AuditQuery query, ChatDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Infrastructure.Cursor.ValidatePosition(errors, query.Cursor, query.Limit);
        if (query.From is { } from && query.To is { } to && from > to)
            errors.Add("from", "from must not be after to.");
        if (!errors.IsEmpty)
            return Problems.Invalid(errors.ToDictionary());

        var entries = db.AuditEntries.AsNoTracking();
        if (query.Action is { Length: > 0 } action)
            entries = entries.Where(a => a.Action == action);
        if (query.ActorId is { } actor)
            entries = entries.Where(a => a.ActorId == actor);
        if (query.EntityType is { Length: > 0 } entityType)
            entries = entries.Where(a => a.EntityType == entityType);
        if (query.EntityId is { Length: > 0 } entityId)
            entries = entries.Where(a => a.EntityId == entityId);
        // timestamptz parameters must be UTC; "12:30+02:00" and "10:30Z" are the same moment.
        if (query.From?.ToUniversalTime() is { } since)
            entries = entries.Where(a => a.CreatedAt >= since);
        if (query.To?.ToUniversalTime() is { } until)
            entries = entries.Where(a => a.CreatedAt < until);
        if (position is { } p)
            entries = entries.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.CreatedAt, a.Id), ValueTuple.Create(p.At, p.Id)));

        var take = query.Limit ?? Infrastructure.Cursor.DefaultLimit;
        var page = await entries
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Take(take + 1)
            .Select(a => new
            {
                Entry = a,
                ActorName = db.Users.Where(u => u.Id == a.ActorId).Select(u => u.UserName).FirstOrDefault(),
            })
            .ToListAsync(ct);

        var items = page.Take(take).Select(row => new AuditEntryResponse(
            row.Entry.Id, row.Entry.Action, row.Entry.EntityType, row.Entry.EntityId, row.Entry.ActorId, row.ActorName,
            row.Entry.IpAddress, row.Entry.CreatedAt, row.Entry.Before?.RootElement.Clone(), row.Entry.After?.RootElement.Clone(),
            row.Entry.Metadata?.RootElement.Clone())).ToList();
        var next = page.Count > take
            ? Infrastructure.Cursor.Encode(items[^1].CreatedAt, items[^1].Id)
            : null;
        return TypedResults.Ok(new Page<AuditEntryResponse>(items, next));
    }
}
