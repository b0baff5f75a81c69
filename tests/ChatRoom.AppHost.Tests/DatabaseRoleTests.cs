using Npgsql;

namespace ChatRoom.AppHost.Tests;

[Collection(ChatRoomApp.Name)]
public sealed class DatabaseRoleTests(ChatRoomAppFixture chatRoom)
{
    [Fact]
    public async Task TheApiConnectsAsARoleThatMayReadButNeverDelete()
    {
        var api = (await Replicas.OfAsync(chatRoom.App, "api", expected: 2))[0];
        var connectionString = api.Snapshot.EnvironmentVariables.Single(v => v.Name == "ConnectionStrings__chatdb").Value!;
        Assert.Equal("chatroom_api", new NpgsqlConnectionStringBuilder(connectionString).Username);

        await using var connection = await chatRoom.OpenDatabaseAsync(connectionString);
        var ct = TestContext.Current.CancellationToken;
        await using var read = new NpgsqlCommand("SELECT count(*) FROM users", connection);
        Assert.True((long)(await read.ExecuteScalarAsync(ct))! >= 1, "the seeded admin is visible to the Api");

        await using var delete = new NpgsqlCommand("DELETE FROM audit_log", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync(ct));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
