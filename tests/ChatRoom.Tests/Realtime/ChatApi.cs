using ChatRoom.Api.Messages;
using ChatRoom.Api.Rooms;
using Npgsql;

namespace ChatRoom.Tests.Realtime;

/// <summary>What chat tests do over REST and in the database, worded once.</summary>
public static class ChatApi
{
    /// <summary>
    /// Limits out of the way: chat tests sign in many users from one address, and send faster than people do
    /// (the limits have tests of their own).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var all = new Dictionary<string, string>(AuthApi.RelaxedLimits)
        {
            ["RateLimits:Messages:PerUser"] = "1000000",
            ["RateLimits:Reactions:PerUser"] = "1000000",
        };
        foreach (var (key, value) in more)
            all[key] = value;
        return all;
    }

    /// <summary>The seeded lobby's rooms (five of them), in display order.</summary>
    public static async Task<IReadOnlyList<Guid>> RoomsAsync(ApiServer api)
    {
        var lounges = await api.NewHttpClient().GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct);
        return [.. lounges!.Single().Rooms.Select(r => r.Id)];
    }

    /// <summary>A newly registered user, signed in with a browser-like client of their own.</summary>
    public static Task<Session> SignInAsync(ApiServer api, string prefix) => api.NewHttpClient().RegisterAndLoginAsync(prefix);

    public static async Task<ChatClient> ConnectAsync(ApiServer api, string prefix) =>
        await ChatClient.ConnectAsync(api, await SignInAsync(api, prefix));

    public static Task<HttpResponseMessage> PostMessageAsync(this Session session, Guid roomId, string? content, string? clientMessageId) =>
        session.SendAsync(HttpMethod.Post, $"/api/rooms/{roomId}/messages", new { content, clientMessageId });

    /// <summary>Sends over REST and expects it stored (201 for a new message, 200 for a retry).</summary>
    public static async Task<MessageDto> SendOverRestAsync(this Session session, Guid roomId, string content, string? clientMessageId = null)
    {
        using var response = await session.PostMessageAsync(roomId, content, clientMessageId ?? Guid.NewGuid().ToString());
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
            $"POST message answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(AuthApi.Ct)}");
        return (await response.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
    }

    public static Task<HistoryPage> HistoryAsync(this Session session, Guid roomId, string query = "") =>
        session.GetFromJsonAsync<HistoryPage>($"/api/rooms/{roomId}/messages{query}");

    /// <summary>Every visible message of the room, oldest first, paging forward by seq as a client would.</summary>
    public static async Task<List<MessageDto>> FullHistoryAsync(this Session session, Guid roomId)
    {
        var all = new List<MessageDto>();
        long after = 0;
        while (true)
        {
            var page = await session.HistoryAsync(roomId, $"?after={after}&limit=100");
            all.AddRange(page.Messages);
            if (!page.HasMore)
                return all;
            after = page.Messages[^1].Seq;
        }
    }

    /// <summary>A conversation of two (the one they have, if any), as its first member starts it.</summary>
    public static async Task<Guid> StartConversationAsync(this Session session, Guid other)
    {
        using var response = await session.SendAsync(HttpMethod.Post, "/api/conversations", new { memberIds = new[] { other } });
        Assert.True(response.IsSuccessStatusCode, $"POST conversation answered {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<ConversationResponse>(AuthApi.Ct))!.Id;
    }

    public static Task<HttpResponseMessage> PostReplyAsync(this Session session, Guid roomId, Guid replyToId, string content, string? clientMessageId = null) =>
        session.SendAsync(HttpMethod.Post, $"/api/rooms/{roomId}/messages",
            new { content, clientMessageId = clientMessageId ?? Guid.NewGuid().ToString(), replyToId });

    public static Task<ThreadPage> ThreadAsync(this Session session, Guid messageId, string query = "") =>
        session.GetFromJsonAsync<ThreadPage>($"/api/messages/{messageId}/thread{query}");

    public static async Task<HttpResponseMessage> EditAsync(this Session session, Guid messageId, string content) =>
        await session.SendAsync(HttpMethod.Put, $"/api/messages/{messageId}", new { content });

    public static async Task<HttpResponseMessage> DeleteAsync(this Session session, Guid messageId) =>
        await session.SendAsync(HttpMethod.Delete, $"/api/messages/{messageId}");

    /// <summary>The stored rows of a room, read straight from PostgreSQL, by seq.</summary>
    public static async Task<List<StoredMessage>> StoredMessagesAsync(this ApiFactory api, Guid roomId)
    {
        await using var connection = new NpgsqlConnection(api.DatabaseConnectionString);
        await connection.OpenAsync(AuthApi.Ct);
        await using var command = new NpgsqlCommand(
            "SELECT id, seq, change_seq, author_id, client_message_id, created_at FROM messages WHERE room_id = @room ORDER BY seq", connection);
        command.Parameters.AddWithValue("room", roomId);
        await using var reader = await command.ExecuteReaderAsync(AuthApi.Ct);
        var rows = new List<StoredMessage>();
        while (await reader.ReadAsync(AuthApi.Ct))
            rows.Add(new StoredMessage(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetGuid(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        return rows;
    }
}

public sealed record StoredMessage(Guid Id, long Seq, long ChangeSeq, Guid AuthorId, string ClientMessageId, DateTimeOffset CreatedAt);
