using ChatRoom.Api.Moderation;

namespace ChatRoom.Tests.Moderation;

/// <summary>What moderation tests do over REST, worded once.</summary>
public static class ModerationApi
{
    public static Task<Session> AdminAsync(ApiServer api) => api.NewHttpClient().LoginAdminAsync();

    /// <summary>A new account made a moderator by the admin, signed in.</summary>
    public static async Task<Session> ModeratorAsync(ApiServer api, Session admin)
    {
        var name = AuthApi.UniqueName("mod");
        using var created = await admin.SendAsync(HttpMethod.Post, "/api/users", new { userName = name, password = AuthApi.Password, role = "Moderator" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await api.NewHttpClient().LoginAsync(name);
    }

    public static Task<HttpResponseMessage> ActAsync(this Session moderator, object action) =>
        moderator.SendAsync(HttpMethod.Post, "/api/admin/moderation/actions", action);

    /// <summary>Takes the action and expects it recorded (201).</summary>
    public static async Task<ModerationActionResponse> ActOkAsync(this Session moderator, object action)
    {
        using var response = await moderator.ActAsync(action);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"The action answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(AuthApi.Ct)}");
        return (await response.Content.ReadFromJsonAsync<ModerationActionResponse>(AuthApi.Ct))!;
    }

    public static Task<HttpResponseMessage> ReportAsync(this Session reporter, Guid? messageId = null, Guid? userId = null, string reason = "spam") =>
        reporter.SendAsync(HttpMethod.Post, "/api/reports", new { messageId, userId, reason });
}
