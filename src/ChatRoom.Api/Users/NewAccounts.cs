using ChatRoom.Api.Auth;

namespace ChatRoom.Api.Users;

/// <summary>Adds a new account with its audit entry, answering 409 when the name is taken (also in a race).</summary>
public static class NewAccounts
{
    /// <param name="actorId">Who creates it: an admin, or null for people registering themselves.</param>
    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(
        ChatDbContext db, PasswordHashing hashing, TimeProvider clock, string userName, string password, string? displayName,
        UserRole role, string auditAction, Guid? actorId, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            UserName = userName,
            NormalizedUserName = User.Normalize(userName),
            DisplayName = displayName.TrimToNull(),
            PasswordHash = await hashing.HashAsync(password, ct),
            Role = role,
            CreatedAt = now,
        };
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, ct))
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.AuthNameTaken, "That user name is taken.");
        db.Users.Add(user);
        db.Audit(auditAction, "user", user.Id, actorId ?? user.Id, now, after: UserResponse.From(user), ipAddress: http.ClientIp());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.AuthNameTaken, "That user name is taken.");
        }
        return TypedResults.Created($"/api/users/{user.Id}", UserResponse.From(user));
    }
}
