using ChatRoom.Api.Search;
using ChatRoom.Tests.Realtime;
using Npgsql;

namespace ChatRoom.Tests.Search;

/// <summary>
/// Full-text search through the real Api, Worker and PostgreSQL: words found in the room's language, ranked, highlighted
/// and paged, only in what the searcher may read, once the moderation queue has judged them. Each test searches for a
/// word of its own, so the classes' tests share a database without finding each other's messages.
/// </summary>
public sealed class SearchTests(SearchTests.Server server) : IClassFixture<SearchTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        private WorkerFactory? _worker;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            _worker = new WorkerFactory(Api.DatabaseConnectionString, Api.RedisConnectionString,
                new Dictionary<string, string> { ["Realtime:ChannelPrefix"] = Api.ChannelPrefix }).Start();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_worker is not null)
                await _worker.DisposeAsync();
            await base.DisposeAsync();
        }

        /// <summary>Waits until the moderation queue has judged every message sent so far: search finds them from then on.</summary>
        public Task AllJudgedAsync() => Eventually.HoldsAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(Api.DatabaseConnectionString);
            await connection.OpenAsync(AuthApi.Ct);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM messages WHERE moderated_at IS NULL", connection);
            return (long)(await command.ExecuteScalarAsync(AuthApi.Ct))! == 0;
        }, within: TimeSpan.FromSeconds(30), because: "The Worker did not judge the messages.");
    }

    [Fact]
    public async Task FindsWordsByTheirStemInTheRoomsLanguageAndHighlightsThem()
    {
        var word = Word();
        var english = await server.NewRoomAsync();
        var portuguese = await server.NewRoomAsync(languageCode: "pt-BR");
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        await alice.SendOverRestAsync(english, $"The dogs were running in the park ({word}), it was lovely.");
        await alice.SendOverRestAsync(portuguese, $"As crianças brincavam no parque {word}");
        var conversation = await alice.StartConversationAsync(bob.User.Id);
        await alice.SendOverRestAsync(conversation, $"dogs running {word}");

        await server.AllJudgedAsync();
        var found = await SearchAsync(bob, $"run dog {word}");

        // Stemmed in the English room; in a conversation (no language) words are taken as written.
        var hit = Assert.Single(found.Hits);
        Assert.Equal(english, hit.Message.RoomId);
        Assert.Equal("Lounge", hit.RoomKind);
        Assert.Equal(["dogs", "running", word], hit.Snippet.Where(p => p.Match).Select(p => p.Text));
        Assert.Equal(hit.Message.Content, string.Concat(hit.Snippet.Select(p => p.Text)));
        Assert.Equal(portuguese, Assert.Single((await SearchAsync(bob, $"brincar {word}")).Hits).Message.RoomId);
        Assert.Equal(portuguese, Assert.Single((await SearchAsync(bob, $"criança {word}")).Hits).Message.RoomId);
        Assert.Equal(conversation, Assert.Single((await SearchAsync(bob, $"dogs running {word}", $"&roomId={conversation}")).Hits).Message.RoomId);
    }

    [Fact]
    public async Task NeverFindsDeletedMessagesOthersConversationsOrPeopleTheSearcherBlocked()
    {
        var word = Word();
        var room = await server.NewRoomAsync();
        var closed = await server.NewRoomAsync(guestsCanRead: false, guestsCanWrite: false);
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var bob = await ChatApi.SignInAsync(server.Api, "bob");
        var carol = await ChatApi.SignInAsync(server.Api, "carol");
        var kept = await alice.SendOverRestAsync(room, $"kept {word}");
        var gone = await alice.SendOverRestAsync(room, $"gone {word}");
        using (await alice.DeleteAsync(gone.Id))
        {
        }
        var conversation = await alice.StartConversationAsync(bob.User.Id);
        var secret = await alice.SendOverRestAsync(conversation, $"secret {word}");
        var members = await bob.SendOverRestAsync(closed, $"members only {word}");

        await server.AllJudgedAsync();
        Assert.Equal([kept.Id, secret.Id, members.Id], (await SearchAsync(bob, word)).Hits.Select(h => h.Message.Id).Order());
        Assert.Equal([kept.Id, members.Id], (await SearchAsync(carol, word)).Hits.Select(h => h.Message.Id).Order());
        var admin = await server.AdminAsync();
        Assert.DoesNotContain((await SearchAsync(admin, word)).Hits, h => h.Message.Id == secret.Id);
        var guest = await server.Api.NewHttpClient().GuestAsync();
        Assert.Equal([kept.Id], (await SearchAsync(guest, word)).Hits.Select(h => h.Message.Id));

        using (var block = await carol.SendAsync(HttpMethod.Put, $"/api/me/blocks/{alice.User.Id}"))
            Assert.True(block.IsSuccessStatusCode);
        Assert.Equal([members.Id], (await SearchAsync(carol, word)).Hits.Select(h => h.Message.Id));
        using (var outsider = await carol.GetAsync($"/api/search/messages?q={word}&roomId={conversation}"))
            await AuthApi.ReadProblemAsync(outsider, HttpStatusCode.NotFound, ErrorCodes.RoomNotFound);
    }

    [Fact]
    public async Task PagesThroughEveryHitOnceBestFirst()
    {
        var word = Word();
        var room = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var best = await alice.SendOverRestAsync(room, $"{word} {word} {word}");
        for (var i = 0; i < 4; i++)
            await alice.SendOverRestAsync(room, $"plain message number {i} about {word} among many other words here");

        await server.AllJudgedAsync();
        var first = await SearchAsync(alice, word, "&limit=2");
        Assert.Equal(best.Id, first.Hits[0].Message.Id);
        var second = await SearchAsync(alice, word, $"&limit=2&cursor={first.NextCursor}");
        var third = await SearchAsync(alice, word, $"&limit=2&cursor={second.NextCursor}");
        Assert.Null(third.NextCursor);
        var all = first.Hits.Concat(second.Hits).Concat(third.Hits).Select(h => h.Message.Id).ToList();
        Assert.Equal(5, all.Distinct().Count());
        Assert.Equal(5, all.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    [InlineData("q=words&limit=0")]
    [InlineData("q=words&limit=51")]
    [InlineData("q=words&cursor=abc")]
    [InlineData("q=words&cursor=-1")]
    [InlineData("q=words&cursor=100000")]
    public async Task BadSearchesAreToldWhy(string query)
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        using var response = await alice.GetAsync($"/api/search/messages?{query}");
        await AuthApi.ReadProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.SearchQueryInvalid);
    }

    [Fact]
    public async Task ATooLongSearchAndAnonymousSearchesAreRefused()
    {
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        using (var tooLong = await alice.GetAsync($"/api/search/messages?q={new string('a', 201)}"))
            await AuthApi.ReadProblemAsync(tooLong, HttpStatusCode.BadRequest, ErrorCodes.SearchQueryInvalid);
        using (var nul = await alice.GetAsync("/api/search/messages?q=a%00b"))
            await AuthApi.ReadProblemAsync(nul, HttpStatusCode.BadRequest);
        using var anonymous = await server.Api.NewHttpClient().GetAsync("/api/search/messages?q=hello", AuthApi.Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static Task<SearchPage> SearchAsync(Session session, string words, string more = "") =>
        session.GetFromJsonAsync<SearchPage>($"/api/search/messages?q={Uri.EscapeDataString(words)}{more}");

    // Letters only, so no language's stemmer changes it, and unlike any real word.
    private static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(10));
}
