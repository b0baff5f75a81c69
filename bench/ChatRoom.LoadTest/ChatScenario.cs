using System.Net.Http.Json;
using ChatRoom.Contracts;

namespace ChatRoom.LoadTest;

public enum SendPath { Hub, Rest }

/// <summary>Who sits where and how they send: the input of one chat ladder.</summary>
public sealed record ChatSettings(
    IReadOnlyList<Uri> Apis, IReadOnlyList<BenchUser> Users, IReadOnlyList<Guid> RoomOfUser, int Senders,
    SendPath Send, WireProtocol Protocol, LadderPlan Ladder, string? Redis, string ModerationStream);

/// <summary>
/// The chat scenarios (<c>one-room</c>, <c>many-rooms</c>, <c>scale-out</c>): connect and join every member, run
/// the ladder, disconnect. Senders are spread evenly over the members (and so over rooms and Api instances).
/// </summary>
public static class ChatScenario
{
    public static async Task<List<StepResult>> RunAsync(ChatSettings settings, ProcessSampler sampler, CancellationToken ct)
    {
        var current = new CurrentStep();
        Console.WriteLine($"Connecting {settings.Users.Count} members ({settings.Protocol}) to {settings.Apis.Count} Api instance(s)...");
        var members = await Members.ConnectAndJoinAsync(settings.Users, settings.RoomOfUser, settings.Apis, settings.Protocol, current.Received,
            concurrency: 32, ct);
        using var stopHeartbeats = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeats = Members.HeartbeatAsync(members, stopHeartbeats.Token);
        try
        {
            // Joining announces each member to the room, and each user's coming online to every connection (users ×
            // connections messages): let the Api finish that before measuring.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(members.Length * 5, 100, 2000)), ct);
            if (!await sampler.WaitForQuietAsync("api", cpuPercent: 50, TimeSpan.FromSeconds(90), ct))
                Console.WriteLine("The Api is still busy after the members joined; measuring anyway.");
            var stride = Math.Max(1, members.Length / settings.Senders);
            var senders = Enumerable.Range(0, settings.Senders).Select(i => members[i * stride % members.Length]).ToArray();
            var roomSizes = members.GroupBy(m => m.RoomId).ToDictionary(g => g.Key, g => g.Count());
            using var rest = settings.Send == SendPath.Rest ? new RestSender(settings.Apis) : null;
            IMessageSender sender = rest is null ? new HubSender() : rest;
            var plan = settings.Ladder;
            Console.WriteLine(plan.Fixed is { } rates
                ? $"Ladder: {string.Join(", ", rates)} msg/s"
                : $"Ladder: from {plan.Start} msg/s, ×{plan.Growth} until two rates fail, then bisecting to {plan.Resolution:0%}");
            Console.WriteLine($"  {plan.Step.TotalSeconds:0} s steps, {settings.Senders} senders by {settings.Send}");
            // Unique per run: the server keeps client message ids per sender, so a rerun must not reuse them.
            var runTag = Guid.NewGuid().ToString("N")[..8];
            await using var backlog = await ModerationBacklog.ConnectAsync(settings.Redis, settings.ModerationStream);
            return await new ChatLadder(current, senders, roomSizes, members.Length, sender, sampler, backlog, runTag).RunAsync(plan, ct);
        }
        finally
        {
            await stopHeartbeats.CancelAsync();
            await heartbeats;
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
