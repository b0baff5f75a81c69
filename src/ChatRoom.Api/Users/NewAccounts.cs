using ChatRoom.Api.Auth;
using ChatRoom.Api.Infrastructure;
using ChatRoom.Data;
using ChatRoom.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Api.Users;

/// <summary>Adds a new account with its audit entry, answering 409 when the name is taken (also in a race).</summary>
public static class NewAccounts
{
    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(
        ChatDbContext db, User user, string auditAction, Guid actorId, HttpContext http, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, ct))
            return Problems.Conflict("That user name is taken.");
        db.Users.Add(user);
        db.Audit(auditAction, "user", user.Id, actorId, user.CreatedAt, after: UserResponse.From(user), ipAddress: http.ClientIp());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Conflict("That user name is taken.");
        }
        return TypedResults.Created($"/api/users/{user.Id}", UserResponse.From(user));
    }
}
