using ChatRoom.Api.Auth;
using ChatRoom.Realtime;

namespace ChatRoom.Api.Moderation;

public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reports", Report).WithTags("Moderation").RequireAuthorization().RequireRateLimiting(RateLimits.ReportsPerUser)
            .ProducesValidationProblem()
            .WithSummary("Reports a message or a user to the moderators; one open report per reporter and target, a limited number per reporter and time.");

        var queue = app.MapGroup("/api/admin/reports").WithTags("Moderation").RequireAuthorization(AuthRegistration.ModeratorPolicy);
        queue.MapGet("/", List).WithSummary("Reports, newest first, by status (default Open); cursor-paged.");
        queue.MapPost("/{id:guid}/resolve", Resolve).ProducesValidationProblem();
        queue.MapPost("/{id:guid}/dismiss", Dismiss).ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Created<ReportResponse>, ProblemHttpResult>> Report(
        ReportRequest request, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var reporter = http.User.Viewer();

        Guid targetUserId;
        if (request.MessageId is { } messageId)
        {
            // Only a message the reporter can see: approved, not deleted, in a room they may read (of a conversation,
            // only its members: a report is how moderators get to read a direct message).
            var message = await db.Messages.AsNoTracking()
                .Where(m => m.Id == messageId && m.DeletedAt == null && m.Status == MessageStatus.Approved &&
                    m.Room!.ArchivedAt == null && (reporter.Role != UserRole.Guest || m.Room.GuestsCanRead) &&
                    (m.Room.Kind != RoomKind.Conversation || m.Room.Members.Any(member => member.UserId == reporter.Id && member.LeftAt == null)))
                .Select(m => new { m.AuthorId })
                .SingleOrDefaultAsync(ct);
            if (message is null)
                return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.MessageNotFound, $"There is no message {messageId}.");
            targetUserId = message.AuthorId;
        }
        else if (request.ListingId is { } listingId)
        {
            // A listing anyone may see: on offer, reserved or sold.
            var seller = await db.Listings.AsNoTracking()
                .Where(l => l.Id == listingId && (l.Status == ListingStatus.Listed || l.Status == ListingStatus.Reserved || l.Status == ListingStatus.Sold))
                .Select(l => (Guid?)l.SellerId).SingleOrDefaultAsync(ct);
            if (seller is null)
                return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ListingNotFound, $"There is no listing {listingId}.");
            targetUserId = seller.Value;
        }
        else
        {
            targetUserId = request.UserId!.Value;
            if (!await db.Users.AnyAsync(u => u.Id == targetUserId && u.DeletedAt == null, ct))
                return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, $"There is no user {targetUserId}.");
        }
        if (targetUserId == reporter.Id)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.ReportSelf, "You cannot report yourself or your own messages.");

        var now = clock.GetUtcNow();
        var report = new UserReport
        {
            Id = Guid.CreateVersion7(now),
            ReporterId = reporter.Id,
            TargetUserId = targetUserId,
            TargetMessageId = request.MessageId,
            TargetListingId = request.ListingId,
            Reason = request.Reason!.Trim(),
            CreatedAt = now,
        };
        db.UserReports.Add(report);
        db.Audit(AuditActions.ReportCreate, "report", report.Id, reporter.Id, now,
            after: new { report.TargetUserId, report.TargetMessageId, report.TargetListingId, report.Reason }, ipAddress: http.ClientIp());
        if (!await db.TrySaveChangesAsync(ct))
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.ReportDuplicate, "You have already reported this and the report is still open.");
        return TypedResults.Created($"/api/admin/reports/{report.Id}", (await DescribeAsync(db, [report], ct))[0]);
    }

    private static async Task<Results<Ok<Page<ReportResponse>>, ValidationProblem>> List(
        string? status, string? cursor, int? limit, ChatDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Cursor.ValidatePosition(errors, cursor, limit);
        var parsed = EnumNames.Parse<ReportStatus>(status ?? nameof(ReportStatus.Open));
        if (parsed is null)
            errors.Add("status", EnumNames.OneOf<ReportStatus>("status"));
        if (!errors.IsEmpty)
            return Problems.Invalid(errors.ToDictionary());

        var query = db.UserReports.AsNoTracking().Where(r => r.Status == parsed);
        if (position is { } p)
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(p.At, p.Id)));
        var take = limit ?? Cursor.DefaultLimit;
        var page = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var items = await DescribeAsync(db, [.. page.Take(take)], ct);
        var next = page.Count > take ? Cursor.Encode(items[^1].CreatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<ReportResponse>(items, next));
    }

    private static Task<Results<Ok<ReportResponse>, ProblemHttpResult>> Resolve(
        Guid id, ResolveReportRequest request, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        CloseAsync(id, ReportStatus.Resolved, request, db, clock, http, ct);

    private static Task<Results<Ok<ReportResponse>, ProblemHttpResult>> Dismiss(
        Guid id, ResolveReportRequest request, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        CloseAsync(id, ReportStatus.Dismissed, request, db, clock, http, ct);

    private static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> CloseAsync(Guid id, ReportStatus status,
        ResolveReportRequest request, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var moderator = http.User.UserId();
        var note = request.Note.TrimToNull();
        return await db.InTransactionAsync<Results<Ok<ReportResponse>, ProblemHttpResult>>(async token =>
        {
            db.ChangeTracker.Clear();
            // Locked: two moderators clicking at the same moment close it once.
            var report = await db.UserReports.FromSql($"SELECT * FROM user_reports WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(token);
            if (report is null)
                return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ReportNotFound, $"There is no report {id}.");
            if (report.Status != ReportStatus.Open)
                return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.ReportClosed, $"This report is already {report.Status.ToString().ToLowerInvariant()}.");
            var now = clock.GetUtcNow();
            report.Status = status;
            report.ResolvedAt = now;
            report.ResolvedById = moderator;
            report.ResolutionNote = note;
            db.Audit(status == ReportStatus.Resolved ? AuditActions.ReportResolve : AuditActions.ReportDismiss, "report", id, moderator, now,
                before: new { Status = nameof(ReportStatus.Open) }, after: new { Status = status.ToString(), Note = note }, ipAddress: http.ClientIp());
            return TypedResults.Ok((await DescribeAsync(db, [report], token))[0]);
        }, ct);
    }

    private static async Task<List<ReportResponse>> DescribeAsync(ChatDbContext db, IReadOnlyCollection<UserReport> reports, CancellationToken ct)
    {
        var messageIds = reports.Where(r => r.TargetMessageId != null).Select(r => r.TargetMessageId!.Value).Distinct().ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => messageIds.Contains(m.Id))
            .Select(m => new { m.Id, m.RoomId, m.Seq, m.Content, m.AuthorId, Deleted = m.DeletedAt != null || m.Status == MessageStatus.Rejected })
            .ToDictionaryAsync(m => m.Id, ct);
        var listingIds = reports.Where(r => r.TargetListingId != null).Select(r => r.TargetListingId!.Value).Distinct().ToList();
        var listings = await db.Listings.AsNoTracking().Where(l => listingIds.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => new ReportedListing(l.Id, l.Title, l.Status.ToString()), ct);
        var userIds = reports.SelectMany(r => new[] { r.ReporterId, r.TargetUserId, r.ResolvedById })
            .Concat(messages.Values.Select(m => (Guid?)m.AuthorId))
            .Where(u => u != null).Select(u => u!.Value).Distinct().ToList();
        // Deleted accounts still show under their name: the report is about what they did.
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(ChatViews.Person)
            .ToDictionaryAsync(u => u.Id, ct);

        return [.. reports.Select(r => new ReportResponse(
            r.Id, people[r.ReporterId],
            r.TargetUserId is { } target ? people.GetValueOrDefault(target) : null,
            r.TargetMessageId is { } mid && messages.GetValueOrDefault(mid) is { } m
                ? new ReportedMessage(m.Id, m.RoomId, m.Seq, m.Content, people[m.AuthorId], m.Deleted)
                : null,
            r.Reason, r.Status.ToString(), r.CreatedAt, r.ResolvedAt,
            r.ResolvedById is { } by ? people.GetValueOrDefault(by) : null, r.ResolutionNote,
            r.TargetListingId is { } lid ? listings.GetValueOrDefault(lid) : null))];
    }
}
