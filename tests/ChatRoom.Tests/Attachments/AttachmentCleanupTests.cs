using ChatRoom.Tests.Realtime;
using ChatRoom.Tests.Verification;
using Npgsql;

namespace ChatRoom.Tests.Attachments;

/// <summary>The Worker deletes the files no one may fetch any more: never sent, or of a deleted or rejected message; a sent file stays.</summary>
public sealed class AttachmentCleanupTests(AttachmentCleanupTests.Server server) : IClassFixture<AttachmentCleanupTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        private Dictionary<string, string> _blobs = [];
        private WorkerFactory? _worker;

        protected override (string Key, string Value)[] Settings => [.. _blobs.Select(s => (s.Key, s.Value))];

        public override async ValueTask InitializeAsync()
        {
            _blobs = await Infrastructure.BlobStorageSettingsAsync();
            await base.InitializeAsync();
            _worker = new WorkerFactory(Api.DatabaseConnectionString, Api.RedisConnectionString, new Dictionary<string, string>(_blobs)
            {
                ["Realtime:ChannelPrefix"] = Api.ChannelPrefix,
                ["Jobs:AttachmentCleanup:Interval"] = "00:00:00.200",
                ["Jobs:AttachmentCleanup:UnsentAfter"] = "00:00:02",
            }).Start();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_worker is not null)
                await _worker.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task FilesNeverSentAndFilesOfDeletedOrRejectedMessagesAreDeletedAndSentOnesStay()
    {
        var room = await server.NewRoomAsync();
        var alice = await ChatApi.SignInAsync(server.Api, "alice");
        var unsent = await UploadAsync(alice, room);
        var kept = await UploadAsync(alice, room);
        var removed = await UploadAsync(alice, room);
        var rejected = await UploadAsync(alice, room);
        var keptMessage = await SendAsync(alice, room, kept.Id);
        var removedMessage = await SendAsync(alice, room, removed.Id);
        var rejectedMessage = await SendAsync(alice, room, rejected.Id);

        using (await alice.DeleteAsync(removedMessage.Id))
        {
        }
        using (var rejecting = await (await server.AdminAsync()).SendAsync(HttpMethod.Post, $"/api/admin/moderation/messages/{rejectedMessage.Id}/reject",
            new { reason = "Not here" }))
            Assert.Equal(HttpStatusCode.OK, rejecting.StatusCode);

        await Eventually.HoldsAsync(
            async () => await FileDeletedAsync(unsent.Id) && await FileDeletedAsync(removed.Id) && await FileDeletedAsync(rejected.Id),
            within: TimeSpan.FromSeconds(30), because: "The Worker did not delete the unsent file and the removed and rejected messages' files.");
        using (var gone = await alice.GetAsync($"/api/attachments/{unsent.Id}"))
            await AuthApi.ReadProblemAsync(gone, HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
        Assert.False(await FileDeletedAsync(kept.Id));
        using var stays = await alice.GetAsync($"/api/attachments/{kept.Id}");
        Assert.Equal(HttpStatusCode.OK, stays.StatusCode);
        Assert.Equal(kept.Id, (await alice.FullHistoryAsync(room)).Single(m => m.Id == keptMessage.Id).Attachments![0].Id);
    }

    private async Task<bool> FileDeletedAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(server.Api.DatabaseConnectionString);
        await connection.OpenAsync(AuthApi.Ct);
        await using var command = new NpgsqlCommand("SELECT file_deleted_at IS NOT NULL FROM attachments WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(AuthApi.Ct))!;
    }

    private static async Task<AttachmentDto> UploadAsync(Session session, Guid room)
    {
        using var response = await session.UploadAsync(IdentityDocuments.PngLike(), "p.png", field: "file", path: $"/api/rooms/{room}/attachments");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AttachmentDto>(AuthApi.Ct))!;
    }

    private static async Task<MessageDto> SendAsync(Session session, Guid room, Guid file)
    {
        using var response = await session.SendAsync(HttpMethod.Post, $"/api/rooms/{room}/messages",
            new { content = "", clientMessageId = Guid.NewGuid().ToString(), attachmentIds = new[] { file } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(AuthApi.Ct))!;
    }
}
