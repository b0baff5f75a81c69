using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatRoom.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatRoom.LoadTest;

/// <summary>Fires one message and reports its answer to the tracker later; never blocks the send loop on it.</summary>
public interface IMessageSender
{
    void Send(Member member, int index, long due);
}

public sealed class HubSender(DeliveryTracker tracker) : IMessageSender
{
    public void Send(Member member, int index, long due) => _ = SendAsync(member, index, due);

    private async Task SendAsync(Member member, int index, long due)
    {
        try
        {
            await member.Connection.InvokeAsync<SendAck>("SendMessage", member.RoomId,
                DeliveryTracker.Content(index, due), tracker.ClientMessageId(index));
            tracker.Acknowledged(index);
        }
        catch (Exception ex)
        {
            tracker.Rejected(index, Members.ErrorKind(ex));
        }
    }
}

/// <summary><c>POST /api/rooms/{id}/messages</c> over a pooled client per Api instance.</summary>
public sealed class RestSender : IMessageSender, IDisposable
{
    private readonly DeliveryTracker _tracker;
    private readonly Dictionary<Uri, HttpClient> _clients = [];

    public RestSender(DeliveryTracker tracker, IEnumerable<Uri> apis)
    {
        _tracker = tracker;
        foreach (var api in apis)
        {
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
            _clients[api] = new HttpClient(handler) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    public void Send(Member member, int index, long due) => _ = SendAsync(member, index, due);

    private async Task SendAsync(Member member, int index, long due)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{member.RoomId}/messages")
            {
                Content = JsonContent.Create(new { content = DeliveryTracker.Content(index, due), clientMessageId = _tracker.ClientMessageId(index) }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member.User.AccessToken);
            using var response = await _clients[member.Api].SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                _tracker.Acknowledged(index);
            else
                _tracker.Rejected(index, $"http {(int)response.StatusCode}");
        }
        catch (Exception ex)
        {
            _tracker.Rejected(index, Members.ErrorKind(ex));
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
    }
}
