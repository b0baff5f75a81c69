using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatRoom.Contracts;

namespace ChatRoom.LoadTest;

/// <summary>Fires one message and reports its answer to the tracker later; never blocks the send loop on it.</summary>
public interface IMessageSender
{
    void Send(DeliveryTracker tracker, Member member, int index, long due);
}

public sealed class HubSender : IMessageSender
{
    public void Send(DeliveryTracker tracker, Member member, int index, long due) => _ = SendAsync(tracker, member, index, due);

    private static async Task SendAsync(DeliveryTracker tracker, Member member, int index, long due)
    {
        var error = await member.Connection.InvokeAsync("SendMessage", member.RoomId, DeliveryTracker.Content(index, due), tracker.ClientMessageId(index));
        if (error is null)
            tracker.Acknowledged(index);
        else
            tracker.Rejected(index, Members.ErrorKind(error));
    }
}

/// <summary><c>POST /api/rooms/{id}/messages</c> over a pooled client per Api instance.</summary>
public sealed class RestSender : IMessageSender, IDisposable
{
    private readonly Dictionary<Uri, HttpClient> _clients = [];

    public RestSender(IEnumerable<Uri> apis)
    {
        foreach (var api in apis)
        {
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
            _clients[api] = new HttpClient(handler) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    public void Send(DeliveryTracker tracker, Member member, int index, long due) => _ = SendAsync(tracker, member, index, due);

    private async Task SendAsync(DeliveryTracker tracker, Member member, int index, long due)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{member.RoomId}/messages")
            {
                Content = JsonContent.Create(new { content = DeliveryTracker.Content(index, due), clientMessageId = tracker.ClientMessageId(index) }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member.User.AccessToken);
            using var response = await _clients[member.Api].SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                tracker.Acknowledged(index);
            else
                tracker.Rejected(index, $"http {(int)response.StatusCode}");
        }
        catch (Exception ex)
        {
            tracker.Rejected(index, Members.ErrorKind(ex));
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
    }
}
