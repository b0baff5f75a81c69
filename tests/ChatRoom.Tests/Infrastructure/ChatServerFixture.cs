using ChatRoom.Api.Rooms;
using ChatRoom.Data.Entities;
using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// The Api on a real Kestrel port, shared by the tests of one class: a database and a Redis database of its own,
/// limits out of the way (<see cref="ChatApi.Settings"/>). Tests of a class share the server, so each one takes
/// rooms of its own (<see cref="NewRoomAsync"/>) and users with names of its own, and never sees another's messages.
/// </summary>
public class ChatServerFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly SemaphoreSlim _adminSignIn = new(1, 1);
    private Session? _admin;
    private Guid? _lounge;

    public ApiServer Api { get; private set; } = null!;

    protected TestInfrastructure Infrastructure => infrastructure;

    /// <summary>Settings of this kind of server, over <see cref="ChatApi.Settings"/>.</summary>
    protected virtual (string Key, string Value)[] Settings => [];

    /// <summary>A Redis of this kind of server's own (tests that stop Redis); otherwise a database on the shared one.</summary>
    protected virtual string? RedisConnectionString => null;

    /// <summary>The clock this kind of server runs on, when a test moves it (a FakeTimeProvider); otherwise the real one.</summary>
    protected virtual TimeProvider? Clock => null;

    public virtual async ValueTask InitializeAsync() =>
        Api = await ApiServer.StartAsync(infrastructure, ChatApi.Settings(Settings), RedisConnectionString, Clock);

    /// <summary>The seeded admin, signed in once for the class. Tests that end admin sessions sign in an admin of their own.</summary>
    public async Task<Session> AdminAsync()
    {
        await _adminSignIn.WaitAsync(AuthApi.Ct);
        try
        {
            return _admin ??= await Api.NewHttpClient().LoginAdminAsync();
        }
        finally
        {
            _adminSignIn.Release();
        }
    }

    /// <summary>A new room in the seeded lounge, created by the admin as a person would, with no messages in it.</summary>
    public async Task<Guid> NewRoomAsync(ModerationMode moderationMode = ModerationMode.PostModerated, int slowModeSeconds = 0,
        bool guestsCanRead = true, bool guestsCanWrite = true, string languageCode = "en")
    {
        var admin = await AdminAsync();
        _lounge ??= (await Api.NewHttpClient().GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", AuthApi.Ct))![0].Id;
        var slug = $"t-{Guid.NewGuid():N}"[..18];
        using var response = await admin.SendAsync(HttpMethod.Post, $"/api/admin/lounges/{_lounge}/rooms", new
        {
            slug,
            name = slug,
            languageCode,
            moderationMode = moderationMode.ToString(),
            slowModeSeconds,
            guestsCanRead,
            guestsCanWrite,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AdminRoomResponse>(AuthApi.Ct))!.Id;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Api is not null)
            await Api.DisposeAsync();
        _adminSignIn.Dispose();
    }
}
