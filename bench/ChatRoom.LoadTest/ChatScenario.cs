using System.Net.Http.Json;
using ChatRoom.Contracts;

namespace ChatRoom.LoadTest;

public enum SendPath { Hub, Rest }

/// <summary>Who sits where and how they send: the input of one chat ladder.</summary>
public sealed record ChatSettings(
    IReadOnlyList<Uri> Apis, IReadOnlyList<BenchUser> Users, IReadOnlyList<Guid> RoomOfUser, int Senders,
    SendPath Send, WireProtocol Protocol, IReadOnlyList<int> Rates, TimeSpan Step);

/// <summary>
/// The chat scenarios (<c>one-room</c>, <c>many-rooms</c>, <c>scale-out</c>): connect and join every member, run
/// the ladder, disconnect. Senders are spread evenly over the members (and so over rooms and Api instances).
/// </summary>
public static class ChatScenario
{
    public static async Task<List<StepResult>> RunAsync(ChatSettings settings, ProcessSampler sampler, CancellationToken ct)
    {
        var tracker = new DeliveryTracker(ChatLadder.Capacity(settings.Rates, settings.Step), settings.Users.Count, ChatLadder.Steps(settings.Rates));
        Console.WriteLine($"Connecting {settings.Users.Count} members ({settings.Protocol}) to {settings.Apis.Count} Api instance(s)...");
        var members = await Members.ConnectAndJoinAsync(settings.Users, settings.RoomOfUser, settings.Apis, settings.Protocol, tracker,
            concurrency: 32, ct);
        try
        {
            // Joining announces each member to the room, and each user's coming online to every connection (users ×
            // connections messages): let the Api finish that before measuring.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(members.Length * 5, 100, 2000)), ct);
            if (!await sampler.WaitForQuietAsync("api", cpuPercent: 50, TimeSpan.FromSeconds(90), ct))
                Console.WriteLine("The Api is still busy after the members joined; measuring anyway.");
            var stride = Math.Max(1, members.Length / settings.Senders);
            var senders = Enumerable.Range(0, settings.Senders).Select(i => members[i * stride % members.Length]).ToArray();
            using var rest = settings.Send == SendPath.Rest ? new RestSender(tracker, settings.Apis) : null;
            IMessageSender sender = rest is null ? new HubSender(tracker) : rest;
            Console.WriteLine($"Ladder: {string.Join(", ", settings.Rates)} msg/s, {settings.Step.TotalSeconds:0} s each, {settings.Senders} senders by {settings.Send}");
            return await new ChatLadder(tracker, members, senders, sender, sampler).RunAsync(settings.Rates, settings.Step, ct);
        }
        finally
        {
            await Members.DisposeAllAsync(members.Where(m => m is not null).Select(m => m.Connection));
        }
    }

    /// <summary>
    /// The rooms to fill: the first seeded room for one room, else the rooms of the lounge <c>bench</c> that
    /// bench.sh creates (the Api has no endpoint to create rooms yet).
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RoomsAsync(HttpClient http, int count, CancellationToken ct)
    {
        var lounges = await http.GetFromJsonAsync<List<LoungeResponse>>("/api/lounges", ct) ?? [];
        if (count == 1)
            return [lounges.SelectMany(l => l.Rooms).First().Id];
        var bench = lounges.FirstOrDefault(l => l.Slug == "bench")?.Rooms ?? [];
        if (bench.Count < count)
            throw new InvalidOperationException($"Lounge 'bench' has {bench.Count} rooms, {count} needed (bench.sh creates them).");
        return [.. bench.Take(count).Select(r => r.Id)];
    }

    /// <summary>Members fill rooms in order: users 0–9 in the first room, 10–19 in the second, and so on.</summary>
    public static IReadOnlyList<Guid> Seat(int users, IReadOnlyList<Guid> rooms) =>
        [.. Enumerable.Range(0, users).Select(i => rooms[i * rooms.Count / users])];
}
