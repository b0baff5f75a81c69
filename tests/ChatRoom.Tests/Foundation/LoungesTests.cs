using ChatRoom.Api.Rooms;

namespace ChatRoom.Tests.Foundation;

/// <summary>
/// The public list of lounges. The tests share one database: a room one of them adds it archives again, so the
/// others still see the seeded lobby.
/// </summary>
public sealed class LoungesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory _api = fixture.Api;

    [Fact]
    public async Task AnonymousVisitorSeesTheSeededLoungeWithItsLanguageRooms()
    {
        using var client = _api.CreateClient();

        var lounges = await client.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", TestContext.Current.CancellationToken);

        var lobby = Assert.Single(lounges!);
        Assert.Equal("Lobby", lobby.Name);
        Assert.Equal(["en", "es", "fr", "de", "pt"], lobby.Rooms.Select(r => r.LanguageCode));
        Assert.All(lobby.Rooms, room => Assert.False(string.IsNullOrWhiteSpace(room.Name)));
    }

    [Fact]
    public async Task ArchivedRoomsAndLoungesAreNotListed()
    {
        using var client = _api.NewClient();
        var lobby = Assert.Single((await client.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct))!);
        var archivedRoom = await AddRoomAsync(client, lobby.Id);
        await using (var db = new Npgsql.NpgsqlConnection(_api.DatabaseConnectionString))
        {
            await db.OpenAsync(AuthApi.Ct);
            await using var command = new Npgsql.NpgsqlCommand(
                """
                UPDATE rooms SET archived_at = now() WHERE id = @room;
                INSERT INTO lounges (id, slug, name, sort_order, created_at, archived_at)
                VALUES (gen_random_uuid(), @slug, 'Old lounge', 1, now(), now());
                """, db);
            command.Parameters.AddWithValue("room", archivedRoom);
            command.Parameters.AddWithValue("slug", $"old-{Guid.NewGuid():N}"[..16]);
            await command.ExecuteNonQueryAsync(AuthApi.Ct);
        }

        var lounges = await client.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct);

        var listed = Assert.Single(lounges!);
        Assert.DoesNotContain(listed.Rooms, r => r.Id == archivedRoom);
        Assert.Equal(lobby.Rooms.Select(r => r.Id), listed.Rooms.Select(r => r.Id));
    }

    [Fact]
    public async Task UnknownApiPathAnswersProblemDetails()
    {
        using var client = _api.CreateClient();

        using var response = await client.GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheLoungesEndpoint()
    {
        using var client = _api.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Contains("/api/lounges", document, StringComparison.Ordinal);
    }

    /// <summary>A room an admin adds to the lounge; it is listed until archived.</summary>
    private static async Task<Guid> AddRoomAsync(HttpClient client, Guid loungeId)
    {
        var admin = await client.LoginAdminAsync();
        var slug = $"t-{Guid.NewGuid():N}"[..18];
        using var response = await admin.SendAsync(HttpMethod.Post, $"/api/admin/lounges/{loungeId}/rooms", new { slug, name = slug, languageCode = "de" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var room = (await response.Content.ReadFromJsonAsync<AdminRoomResponse>(AuthApi.Ct))!.Id;
        var lounges = await client.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct);
        Assert.Contains(lounges!.Single().Rooms, r => r.Id == room);
        return room;
    }
}
