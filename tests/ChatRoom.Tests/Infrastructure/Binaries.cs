namespace ChatRoom.Tests.Infrastructure;

/// <summary>Finds the server binaries the way run.sh does: PATH first, then Debian's versioned PostgreSQL folder.</summary>
internal static class Binaries
{
    public static string Find(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"'{name}' was not found on PATH or under /usr/lib/postgresql/*/bin. Install PostgreSQL and Redis " +
                "(Debian: apt-get install postgresql redis-server), or set ConnectionStrings__chatdb and ConnectionStrings__redis.");
    }

    private static int VersionOf(string dir) => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0;

    public static bool RunningAsRoot => Environment.UserName == "root";
}
