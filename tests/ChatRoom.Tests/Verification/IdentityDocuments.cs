using System.Net.Http.Headers;
using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Verification;

namespace ChatRoom.Tests.Verification;

/// <summary>Uploading and reviewing identity documents as the SPA and a moderator do.</summary>
public static class IdentityDocuments
{
    /// <summary>Bytes that start like a PNG: the Api judges a document by its first bytes and never decodes it.</summary>
    public static byte[] PngLike(int size = 4096)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        magic.CopyTo(bytes, 0);
        return bytes;
    }

    public static async Task<HttpResponseMessage> UploadAsync(this Session session, byte[] content,
        string fileName = "id-card.png", string contentType = "image/png", string field = "document", string path = "/api/me/verification")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        return await session.Client.SendAsync(request, AuthApi.Ct);
    }

    /// <summary>Uploads and expects the document taken for review.</summary>
    public static async Task SubmitAsync(this Session session, byte[] content, string contentType = "image/png")
    {
        using var response = await session.UploadAsync(content, contentType: contentType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<IdentityReviewItem> PendingDocumentOfAsync(this Session moderator, Guid userId)
    {
        var queue = await moderator.GetFromJsonAsync<Page<IdentityReviewItem>>("/api/admin/moderation/identity-documents?limit=100");
        return queue.Items.Single(d => d.User.Id == userId);
    }

    public static Task<HttpResponseMessage> DecideAsync(this Session moderator, Guid documentId, bool approve, string? reason) =>
        moderator.SendAsync(HttpMethod.Post, $"/api/admin/moderation/identity-documents/{documentId}/{(approve ? "approve" : "reject")}", new { reason });
}
