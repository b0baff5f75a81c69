using ChatRoom.Data;
using ChatRoom.Data.Entities;
using ChatRoom.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.MigrationService;

internal static class SeedingRegistration
{
    public static IHostApplicationBuilder AddSeeding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PasswordHashingOptions>()
            .BindConfiguration(PasswordHashingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new PasswordHasher(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHashingOptions>>().Value));
        builder.Services.AddSingleton(new InitialAdmin(
            builder.Configuration["INITIAL_ADMIN_USERNAME"],
            builder.Configuration["INITIAL_ADMIN_PASSWORD"]));
        builder.Services.AddScoped<Seeder>();
        builder.Services.AddOptions<DatabaseRoleOptions>().BindConfiguration(DatabaseRoleOptions.SectionName);
        builder.Services.AddScoped<DatabaseRoles>();
        return builder;
    }
}

internal sealed record InitialAdmin(string? UserName, string? Password);

/// <summary>
/// Seeds what a fresh installation needs and nothing more: the default lounge with its language rooms
/// (only into an empty installation, so rooms an admin renamed or archived are never brought back) and
/// the initial admin (only when no account has that name; an existing password is never reset).
/// </summary>
internal sealed class Seeder(PasswordHasher hasher, InitialAdmin admin, TimeProvider clock, ILogger<Seeder> logger)
{
    // Serialises concurrent seeders (two migration runs at once) inside the transaction.
    private const long SeedLockKey = 0x43686174526f6f6d; // "ChatRoom"

    private static readonly (string Slug, string Name, string Language)[] DefaultRooms =
    [
        ("english", "English", "en"),
        ("espanol", "Español", "es"),
        ("francais", "Français", "fr"),
        ("deutsch", "Deutsch", "de"),
        ("portugues", "Português", "pt"),
    ];

    public async Task SeedAsync(ChatDbContext db, CancellationToken cancellationToken)
    {
        ValidateAdminSettings();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);
            await SeedLoungesAsync(db, cancellationToken);
            await SeedAdminAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private void ValidateAdminSettings()
    {
        if (string.IsNullOrEmpty(admin.UserName))
        {
            logger.LogWarning("INITIAL_ADMIN_USERNAME is not set: no admin account is seeded");
            return;
        }
        if (!UserNameRules.IsValidUserName(admin.UserName))
            throw new InvalidOperationException(
                "INITIAL_ADMIN_USERNAME must be 3-32 characters of letters, digits, '_', '.' or '-'.");
        if (!UserNameRules.IsValidPassword(admin.Password))
            throw new InvalidOperationException(
                $"INITIAL_ADMIN_PASSWORD must be set to {UserNameRules.MinPasswordLength}-{UserNameRules.MaxPasswordLength} characters.");
    }

    private async Task SeedLoungesAsync(ChatDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Lounges.AnyAsync(cancellationToken))
            return;

        var now = clock.GetUtcNow();
        db.Lounges.Add(new Lounge
        {
            Id = Guid.CreateVersion7(now),
            Slug = "lobby",
            Name = "Lobby",
            Description = "Say hello in your language.",
            CreatedAt = now,
            Rooms = [.. DefaultRooms.Select((room, index) => new Room
            {
                Id = Guid.CreateVersion7(now),
                Slug = room.Slug,
                Name = room.Name,
                LanguageCode = room.Language,
                SortOrder = index,
                CreatedAt = now,
            })],
        });
        logger.LogInformation("Seeded the default lounge with {Count} language rooms", DefaultRooms.Length);
    }

    private async Task SeedAdminAsync(ChatDbContext db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(admin.UserName))
            return;
        var normalized = User.Normalize(admin.UserName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
            return;

        var now = clock.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            UserName = admin.UserName,
            NormalizedUserName = normalized,
            PasswordHash = hasher.Hash(admin.Password!),
            Role = UserRole.Admin,
            CreatedAt = now,
        };
        db.Users.Add(user);
        db.Audit(AuditActions.SeedAdmin, "user", user.Id, actorId: null, now,
            after: new { user.UserName, Role = user.Role.ToString() });
        logger.LogInformation("Seeded the initial admin {UserName}", admin.UserName);
    }
}
