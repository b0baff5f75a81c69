using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ChatRoom.Contracts;

namespace ChatRoom.LoadTest;

/// <summary>A signed-in account: its access token, and the refresh and CSRF tokens that renew it without a password.</summary>
public sealed record BenchUser(string UserName, Guid Id, string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string? CsrfToken);

/// <summary>
/// Accounts for the generator: <c>{prefix}0000</c>… registered once and kept, with their tokens, in a cache file.
/// Register and login each cost an Argon2id hash (~0.1 s of a core), so expired access tokens are renewed by
/// refresh, which costs none; login is the fallback.
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
        var stale = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (cached.TryGetValue(NameOf(prefix, i), out var user) && user.ExpiresAt - DateTimeOffset.UtcNow > MinimumLeft)
                users[i] = user;
            else
                stale.Add(i);
        }
        if (stale.Count == 0)
            return users;

        Console.WriteLine($"Signing in {stale.Count} of {count} users ({cached.Count} known)...");
        var done = 0;
        await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var name = NameOf(prefix, i);
                var known = cached.GetValueOrDefault(name);
                users[i] = (known is null ? null : await TryRefreshAsync(known, token))
                    ?? await RegisterAndLoginAsync(name, registered: known is not null, token);
                if (Interlocked.Increment(ref done) % 250 == 0)
                    Console.WriteLine($"  {done}/{stale.Count}");
            });
        foreach (var user in users)
            cached[user.UserName] = user;
        Save(cached);
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
        return login;
    }

    /// <summary>Signs in; null when the account does not exist (yet).</summary>
    public async Task<BenchUser?> TryLoginAsync(string userName, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password }, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return null;
        return await SignedInAsync(response, ct);
    }

    /// <summary>Renews the access token with the refresh cookie and CSRF header, as the SPA does; null if the session is gone.</summary>
    private async Task<BenchUser?> TryRefreshAsync(BenchUser user, CancellationToken ct)
    {
        if (user.RefreshToken is null || user.CsrfToken is null)
            return null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh");
        request.Headers.Add("Cookie", $"chatroom_refresh={user.RefreshToken}; chatroom_csrf={user.CsrfToken}");
        request.Headers.Add("X-CSRF-Token", user.CsrfToken);
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? await SignedInAsync(response, ct) : null;
    }

    private static async Task<BenchUser> SignedInAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var body = (await response.Content.ReadFromJsonAsync<TokenResponse>(ct))!;
        var refresh = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("chatroom_refresh=", StringComparison.Ordinal))?["chatroom_refresh=".Length..]
            : null;
        return new BenchUser(body.User.UserName, body.User.Id, body.AccessToken, DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn), refresh, body.CsrfToken);
    }

    private Dictionary<string, BenchUser> Load()
    {
        var users = new Dictionary<string, BenchUser>(StringComparer.Ordinal);
        if (cacheFile is null || !File.Exists(cacheFile))
            return users;
        foreach (var parts in File.ReadLines(cacheFile).Select(line => line.Split('\t')).Where(parts => parts.Length == 6))
        {
            users[parts[0]] = new BenchUser(parts[0], Guid.Parse(parts[1]), parts[2],
                DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[3], CultureInfo.InvariantCulture)), parts[4], parts[5]);
        }
        return users;
    }

    private void Save(Dictionary<string, BenchUser> users)
    {
        if (cacheFile is null)
            return;
        File.WriteAllLines(cacheFile, users.Values.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => string.Join('\t', u.UserName, u.Id, u.AccessToken, u.ExpiresAt.ToUnixTimeSeconds(), u.RefreshToken, u.CsrfToken)));
    }
}
