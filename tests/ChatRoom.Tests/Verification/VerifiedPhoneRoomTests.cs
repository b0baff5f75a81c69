using ChatRoom.Tests.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Verification;

/// <summary>
/// An admin can make a room writable only by members with a verified phone: the server refuses the others over REST
/// and the hub with <c>room.phone_required</c>, and a member who verifies while connected writes at once.
/// </summary>
public sealed class VerifiedPhoneRoomTests(VerifiedPhoneRoomTests.Server server) : IClassFixture<VerifiedPhoneRoomTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        public FakeTwilio Twilio { get; private set; } = null!;

        protected override (string Key, string Value)[] Settings => Twilio.Settings;

        public override async ValueTask InitializeAsync()
        {
            Twilio = await FakeTwilio.StartAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Twilio.DisposeAsync();
        }
    }

    [Fact]
    public async Task OnlyMembersWithAVerifiedPhoneWriteInARoomThatRequiresOne()
    {
        var room = await server.NewRoomAsync();
        var admin = await server.AdminAsync();
        using (var changed = await admin.SendAsync(HttpMethod.Patch, $"/api/admin/rooms/{room}", new { requiresVerifiedPhone = true }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await using var alice = await ChatApi.ConnectAsync(server.Api, "alice");
        var joined = await alice.JoinAsync(room);
        Assert.True(joined.Room.RequiresVerifiedPhone);

        using (var overRest = await alice.Session.PostMessageAsync(room, "hello", Guid.NewGuid().ToString()))
            await AuthApi.ReadProblemAsync(overRest, HttpStatusCode.Forbidden, ErrorCodes.RoomPhoneRequired);
        var overHub = await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(room, "hello"));
        overHub.Detail(ErrorCodes.RoomPhoneRequired);

        var number = "+4915199887766";
        using (var asked = await alice.Session.SendAsync(HttpMethod.Post, "/api/me/phone", new { phoneNumber = number }))
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using (var verified = await alice.Session.SendAsync(HttpMethod.Post, "/api/me/phone/verify", new { code = server.Twilio.CodeSentTo(number) }))
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);

        var sent = await alice.SendAsync(room, "verified now");
        var stored = await alice.Session.SendOverRestAsync(room, "and over REST");
        Assert.True(stored.Author.PhoneVerified);
        Assert.True((await alice.Created.WaitForAsync(m => m.Id == sent.Id)).Author.PhoneVerified);
    }

    [Fact]
    public async Task ModeratorsWriteThereWithoutAPhone()
    {
        var room = await server.NewRoomAsync();
        var admin = await server.AdminAsync();
        using (var changed = await admin.SendAsync(HttpMethod.Patch, $"/api/admin/rooms/{room}", new { requiresVerifiedPhone = true }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var message = await admin.SendOverRestAsync(room, "House rules: verified members only.");

        Assert.False(message.Author.PhoneVerified);
    }
}
