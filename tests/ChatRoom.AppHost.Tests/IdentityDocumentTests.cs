using System.Net;
using Aspire.Hosting.Testing;
using Npgsql;

namespace ChatRoom.AppHost.Tests;

/// <summary>The AppHost gives the Api and the Worker the same blob storage (Azurite here): what one stores, the other reads.</summary>
[Collection(ChatRoomApp.Name)]
public sealed class IdentityDocumentTests(ChatRoomAppFixture chatRoom)
{
    [Fact]
    public async Task ADocumentUploadedThroughTheWebIsStoredAndThenReadByTheWorker()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var member = await ChatUser.SignUpAsync(chatRoom.App.GetEndpoint("web", "http"), "ida");
        var content = new byte[2048];
        Random.Shared.NextBytes(content);
        ((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).CopyTo(content, 0);

        using var uploaded = await member.UploadDocumentAsync(content);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var worker = (await Replicas.OfAsync(chatRoom.App, "worker", expected: 1))[0];
        var connectionString = worker.Snapshot.EnvironmentVariables.Single(v => v.Name == "ConnectionStrings__chatdb").Value!;
        await using var connection = await chatRoom.OpenDatabaseAsync(connectionString);
        await using var read = new NpgsqlCommand(
            "SELECT d.read_at IS NOT NULL FROM identity_documents d JOIN users u ON u.id = d.user_id WHERE u.user_name = @name", connection);
        read.Parameters.AddWithValue("name", member.UserName);
        using var timeout = Timeouts.Start();
        // Random bytes are no picture: the Worker gives up after its attempts and sends it to review unread.
        while (!(bool)(await read.ExecuteScalarAsync(ct))!)
            await Task.Delay(500, timeout.Token);
    }
}
