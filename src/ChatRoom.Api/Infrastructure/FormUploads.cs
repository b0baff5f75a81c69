using Microsoft.AspNetCore.Http.Features;

namespace ChatRoom.Api.Infrastructure;

/// <summary>A multipart upload of one file: the file in its field, or why there is none (too large, or missing).</summary>
public sealed record FormUpload(IFormFile? File, bool TooLarge);

public static class FormUploads
{
    // Room for the multipart envelope around the largest file.
    private const long FormOverheadBytes = 64 * 1024;

    /// <summary>
    /// Reads the form of a request that accepts only multipart/form-data (others are answered 415 before this), refusing a
    /// body larger than <paramref name="maxBytes"/> before reading it when its length is told, and while reading when not.
    /// </summary>
    public static async Task<FormUpload> ReadFileAsync(this HttpContext http, string field, long maxBytes, CancellationToken ct)
    {
        if (http.Request.ContentLength > maxBytes + FormOverheadBytes)
            return new(null, TooLarge: true);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + FormOverheadBytes;
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return new(null, TooLarge: true);
        }
        return form.Files.GetFile(field) is { Length: > 0 } file
            ? new(file, TooLarge: file.Length > maxBytes)
            : new(null, TooLarge: false);
    }
}
