using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Npgsql;

namespace ChatRoom.AppHost.Tests;

[Collection(ChatRoomApp.Name)]
public sealed class WorkerJobTests(ChatRoomAppFixture chatRoom)
{
    // The fixture runs the Worker's session cleanup every second; the guest's day is made to pass in the database.
    [Fact]
    public async Task TheWorkerEndsAGuestAccountOnceItExpires()
    {
        var ct = TestContext.Current.CancellationToken;
        using var web = chatRoom.App.CreateHttpClient("web");
        using var response = await web.PostAsJsonAsync("/api/auth/guest", new { displayName = "Passing by" }, ct);
        response.EnsureSuccessStatusCode();
        var guest = (await response.Content.ReadFromJsonAsync<GuestSession>(ct))!.User;

        await using var db = await chatRoom.OpenDatabaseAsync();
        Assert.Null(await DeletedAtAsync(db, guest.Id));
        await using (var expire = new NpgsqlCommand("UPDATE users SET expires_at = now() - interval '1 second' WHERE id = @id", db))
        {
            expire.Parameters.AddWithValue("id", guest.Id);
            Assert.Equal(1, await expire.ExecuteNonQueryAsync(ct));
        }

        using var timeout = Timeouts.Start();
        DateTime? deletedAt;
        while ((deletedAt = await DeletedAtAsync(db, guest.Id)) is null)
            await Task.Delay(250, timeout.Token);

        Assert.True(deletedAt >= DateTime.UtcNow - TimeSpan.FromMinutes(1));
        await using var audit = new NpgsqlCommand(
            "SELECT count(*) FROM audit_log WHERE action = 'user.guest_expire' AND entity_id = @id", db);
        audit.Parameters.AddWithValue("id", guest.Id.ToString());
        Assert.Equal(1L, await audit.ExecuteScalarAsync(ct));
    }

    private static async Task<DateTime?> DeletedAtAsync(NpgsqlConnection db, Guid userId)
    {
        await using var command = new NpgsqlCommand("SELECT deleted_at FROM users WHERE id = @id", db);
        command.Parameters.AddWithValue("id", userId);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as DateTime?;
    }

    private sealed record GuestSession(GuestUser User);

    private sealed record GuestUser(Guid Id);
}
