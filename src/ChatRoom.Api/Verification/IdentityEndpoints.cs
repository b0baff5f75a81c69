using ChatRoom.Api.Auth;
using ChatRoom.Chat.Verification;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Verification;

public static class IdentityEndpoints
{
    public static IHostApplicationBuilder AddIdentityVerification(this IHostApplicationBuilder builder)
    {
        builder.AddDocumentStorage();
        builder.Services.AddOptions<IdentityVerificationOptions>().BindConfiguration(IdentityVerificationOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<IdentityVerification>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityVerification(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/verification").WithTags("Verification").RequireAuthorization();
        me.MapGet("/", Status).WithSummary("The account's age verification: none, pending, approved or rejected (with the reason).");
        // A bearer-token API: a form post from another site carries no token, so the framework's antiforgery check adds nothing.
        me.MapPost("/", Submit).DisableAntiforgery()
            .Accepts<IdentityDocumentUpload>("multipart/form-data").ProducesValidationProblem()
            .WithSummary("Uploads an identity document (JPEG, PNG or PDF, by its content) for a moderator to review.");

        var review = app.MapGroup("/api/admin/moderation/identity-documents").WithTags("Moderation")
            .RequireAuthorization(AuthRegistration.ModeratorPolicy);
        review.MapGet("/", Pending).WithSummary("Identity documents waiting for review, oldest first, with what OCR read; cursor-paged.");
        review.MapGet("/{id:guid}/file", Open)
            .WithSummary("The document itself, streamed to the moderator (audited, never cached), while it is kept.");
        review.MapPost("/{id:guid}/approve", Approve).ProducesValidationProblem()
            .WithSummary("Approves the document: its owner is age-verified from now on.");
        review.MapPost("/{id:guid}/reject", Reject).ProducesValidationProblem()
            .WithSummary("Rejects the document, with the reason its owner is told.");
        return app;
    }

    private static async Task<Ok<IdentityStatusResponse>> Status(IdentityVerification identity, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await identity.StatusAsync(http.User.UserId(), ct));

    private static async Task<Results<Created<IdentityStatusResponse>, ValidationProblem, ProblemHttpResult>> Submit(
        IdentityVerification identity, IOptions<IdentityVerificationOptions> options, HttpContext http, CancellationToken ct)
    {
        var maxBytes = options.Value.MaxBytes;
        var upload = await http.ReadFileAsync("document", maxBytes, ct);
        if (upload.TooLarge)
            return TooLarge(maxBytes);
        if (upload.File is not { } file)
            return Missing("The form has no file in its \"document\" field.");

        await using var content = file.OpenReadStream();
        var head = new byte[DocumentTypes.BytesNeeded];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (DocumentTypes.Detect(head.AsSpan(0, read)) is not { } contentType)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["document"] = ["The document must be a JPEG, PNG or PDF file."] },
                ErrorCodes.IdentityUnsupportedType, "The document must be a JPEG, PNG or PDF file (judged by its content, not its name).");
        }
        content.Position = 0;
        return await identity.SubmitAsync(http.User.Viewer(), content, contentType, file.Length, http, ct);

        static ValidationProblem Missing(string detail) =>
            Problems.Invalid(new Dictionary<string, string[]> { ["document"] = [detail] }, ErrorCodes.IdentityFileMissing, detail);
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => Problems.Of(StatusCodes.Status413PayloadTooLarge, ErrorCodes.IdentityTooLarge,
        $"The document is larger than {maxBytes / (1024 * 1024.0):0.#} MB.");

    private static async Task<Results<Ok<Page<IdentityReviewItem>>, ValidationProblem>> Pending(
        string? cursor, int? limit, IdentityVerification identity, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var position = Cursor.ValidatePosition(errors, cursor, limit);
        if (!errors.IsEmpty)
            return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await identity.PendingAsync(position, limit ?? Cursor.DefaultLimit, ct));
    }

    private static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Open(Guid id, IdentityVerification identity, HttpContext http, CancellationToken ct) =>
        identity.OpenAsync(id, http.User.Viewer(), http, ct);

    private static Task<Results<Ok<IdentityReviewItem>, ProblemHttpResult>> Approve(
        Guid id, ApproveIdentityRequest request, IdentityVerification identity, HttpContext http, CancellationToken ct) =>
        identity.DecideAsync(id, approve: true, request.Reason.TrimToNull(), http.User.Viewer(), http.ClientIp(), ct);

    private static Task<Results<Ok<IdentityReviewItem>, ProblemHttpResult>> Reject(
        Guid id, RejectIdentityRequest request, IdentityVerification identity, HttpContext http, CancellationToken ct) =>
        identity.DecideAsync(id, approve: false, request.Reason!.Trim(), http.User.Viewer(), http.ClientIp(), ct);
}
