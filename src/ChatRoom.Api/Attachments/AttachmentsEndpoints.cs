using ChatRoom.Api.Messages;
using ChatRoom.Chat.Attachments;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatRoom.Api.Attachments;

/// <summary>The form of an upload: one file in the <c>file</c> field.</summary>
public sealed record AttachmentUpload(IFormFile File);

public static class AttachmentsEndpoints
{
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        // A bearer-token API: a form post from another site carries no token, so the framework's antiforgery check adds nothing.
        app.MapPost("/api/rooms/{roomId:guid}/attachments", Upload).WithTags("Messages").RequireAuthorization().DisableAntiforgery()
            .Accepts<AttachmentUpload>("multipart/form-data")
            .WithSummary("Uploads a file (field `file`) to send with a message in this room: pass its id in the send's attachmentIds.");
        app.MapGet("/api/attachments/{id:guid}", Download).WithTags("Messages").RequireAuthorization()
            .WithSummary("The file, for whoever may read its message (images inline, everything else as a download).");
        return app;
    }

    private static async Task<Results<Created<AttachmentDto>, ProblemHttpResult>> Upload(
        Guid roomId, MessageAttachments attachments, IOptions<AttachmentOptions> options, HttpContext http, CancellationToken ct)
    {
        var maxBytes = options.Value.MaxBytes;
        var upload = await http.ReadFileAsync("file", maxBytes, ct);
        if (upload.TooLarge)
            return TooLarge(maxBytes);
        if (upload.File is not { } file)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.AttachmentFileMissing, "The form has no file in its \"file\" field.");

        await using var content = file.OpenReadStream();
        var result = await attachments.UploadAsync(http.User.Viewer(), roomId, content, file.FileName, file.Length, ct);
        return result.Value is { } stored ? TypedResults.Created($"/api/attachments/{stored.Id}", stored) : result.ToProblem(http);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(
        Guid id, MessageAttachments attachments, HttpContext http, CancellationToken ct)
    {
        var result = await attachments.OpenAsync(id, http.User.Viewer(), ct);
        if (!result.Succeeded)
            return result.ToProblem(http);
        var (file, content) = result.Value;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Whatever a file holds, it is never a page that runs: no script, no plugins, no same-origin powers.
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
        // Per person (the token decides), and short: a message taken down takes its files with it.
        headers.CacheControl = "private, max-age=300";
        var disposition = new ContentDispositionHeaderValue(file.IsImage ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(content, file.ContentType, enableRangeProcessing: false);
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => Problems.Of(StatusCodes.Status413PayloadTooLarge, ErrorCodes.AttachmentTooLarge,
        $"The file is larger than {maxBytes / (1024 * 1024.0):0.#} MB.");
}
