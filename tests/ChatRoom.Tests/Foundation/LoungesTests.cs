namespace ChatRoom.Tests.Foundation;

public sealed class LoungesTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiFactory.CreateAsync(infrastructure);

    public ValueTask DisposeAsync() => _api.DisposeAsync();

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
        await using (var db = new Npgsql.NpgsqlConnection(_api.DatabaseConnectionString))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new Npgsql.NpgsqlCommand(
                """
                UPDATE rooms SET archived_at = now() WHERE language_code = 'de';
                INSERT INTO lounges (id, slug, name, sort_order, created_at, archived_at)
                VALUES (gen_random_uuid(), 'old', 'Old lounge', 1, now(), now());
                """, db);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        using var client = _api.CreateClient();

        var lounges = await client.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", TestContext.Current.CancellationToken);

        var lobby = Assert.Single(lounges!);
        Assert.DoesNotContain(lobby.Rooms, r => r.LanguageCode == "de");
        Assert.Equal(4, lobby.Rooms.Count);
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
}
