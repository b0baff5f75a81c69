using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace ChatRoom.LoadTest;

public sealed record BenchUser(string UserName, Guid Id, string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Accounts for the generator: <c>{prefix}0000</c>… registered once, signed in, and their access tokens kept in
/// a cache file, because every register and login costs an Argon2id hash (~0.1 s of a core each).
/// </summary>
public sealed class UserPool(HttpClient http, string prefix, string? cacheFile)
{
    public const string Password = "bench-password-1";
    private static readonly TimeSpan MinimumLeft = TimeSpan.FromMinutes(20);

    public static string NameOf(string prefix, int i) => $"{prefix}{i:D4}";

    /// <summary>The first <paramref name="count"/> users, each with an access token good for a while yet.</summary>
    public async Task<IReadOnlyList<BenchUser>> GetAsync(int count, int concurrency, CancellationToken ct)
    {
        var cached = Load();
        var users = new BenchUser[count];
        var missing = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (cached.TryGetValue(NameOf(prefix, i), out var user) && user.ExpiresAt - DateTimeOffset.UtcNow > MinimumLeft)
                users[i] = user;
            else
                missing.Add(i);
        }
        if (missing.Count > 0)
        {
            Console.WriteLine($"Signing in {missing.Count} users ({cached.Count} cached)...");
            var done = 0;
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, token) =>
                {
                    var name = NameOf(prefix, i);
                    users[i] = await RegisterAndLoginAsync(name, registered: cached.ContainsKey(name), token);
                    if (Interlocked.Increment(ref done) % 250 == 0)
                        Console.WriteLine($"  {done}/{missing.Count}");
                });
            foreach (var user in users)
                cached[user.UserName] = user;
            Save(cached);
        }
        return users;
    }

    /// <summary>Registers the account unless it is known to exist (a 409 is fine too), then signs in.</summary>
    public async Task<BenchUser> RegisterAndLoginAsync(string userName, bool registered, CancellationToken ct)
    {
        var login = registered ? await TryLoginAsync(userName, ct) : null;
        if (login is null)
        {
            using var register = await http.PostAsJsonAsync("/api/auth/register", new { userName, password = Password }, ct);
            if (register.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"Register {userName}: {(int)register.StatusCode} {await register.Content.ReadAsStringAsync(ct)}");
            login = await TryLoginAsync(userName, ct)
                ?? throw new InvalidOperationException($"Login {userName} failed right after registering.");
        }
        return new BenchUser(userName, login.User.Id, login.AccessToken, DateTimeOffset.UtcNow.AddSeconds(login.ExpiresIn));
    }

    /// <summary>Signs in; null when the account does not exist (yet).</summary>
    public async Task<LoginResponse?> TryLoginAsync(string userName, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password }, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return null;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Login {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return await response.Content.ReadFromJsonAsync<LoginResponse>(ct);
    }

    private Dictionary<string, BenchUser> Load()
    {
        var users = new Dictionary<string, BenchUser>(StringComparer.Ordinal);
        if (cacheFile is null || !File.Exists(cacheFile))
            return users;
        foreach (var line in File.ReadLines(cacheFile))
        {
            var parts = line.Split('\t');
            if (parts.Length == 4)
                users[parts[0]] = new BenchUser(parts[0], Guid.Parse(parts[1]), parts[2],
                    DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[3], CultureInfo.InvariantCulture)));
        }
        return users;
    }

    private void Save(Dictionary<string, BenchUser> users)
    {
        if (cacheFile is null)
            return;
        File.WriteAllLines(cacheFile, users.Values.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => string.Join('\t', u.UserName, u.Id, u.AccessToken, u.ExpiresAt.ToUnixTimeSeconds())));
    }
}
