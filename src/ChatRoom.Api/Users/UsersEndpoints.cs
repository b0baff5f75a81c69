using ChatRoom.Api.Auth;
using ChatRoom.Api.Realtime;
using ChatRoom.Data.Identity;
using ChatRoom.Realtime;

namespace ChatRoom.Api.Users;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization();
        users.MapGet("/", ListUsers);
        users.MapGet("/{id:guid}", GetUser);
        users.MapPatch("/me", UpdateProfile).ProducesValidationProblem();

        var admin = users.MapGroup("").RequireAuthorization(AuthRegistration.AdminPolicy);
        admin.MapPost("/", CreateUser).ProducesValidationProblem();
        admin.MapPut("/{id:guid}/role", ChangeRole).ProducesValidationProblem();
        admin.MapDelete("/{id:guid}", DeleteUser);
        return app;
    }

    private static async Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> ListUsers(
        string? search, string? cursor, int? limit, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        Cursor.ValidateLimit(errors, limit);
        errors.Text(nameof(search), search, 0, UserNameRules.MaxLength, required: false);
        var after = "";
        if (cursor is not null && !Cursor.TryDecode(cursor, out after))
            errors.Add("cursor", "cursor is not one this API handed out.");
        if (!errors.IsEmpty)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var take = limit ?? Cursor.DefaultLimit;
        var users = db.Users.AsNoTracking()
            .Where(u => u.DeletedAt == null && (u.ExpiresAt == null || u.ExpiresAt > now))
            .Where(u => string.Compare(u.NormalizedUserName, after) > 0);
        // Names starting with the search, ignoring case: the moderators' user picker.
        if (search is { Length: > 0 })
        {
            var prefix = User.Normalize(search);
            users = users.Where(u => u.NormalizedUserName.StartsWith(prefix));
        }
        var page = await users
            .OrderBy(u => u.NormalizedUserName)
            .Take(take + 1)
            .ToListAsync(ct);
        var next = page.Count > take ? Cursor.Encode(page[take - 1].NormalizedUserName) : null;
        return TypedResults.Ok(new Page<UserResponse>([.. page.Take(take).Select(u => UserResponse.As(u, http.User))], next));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(Guid id, ChatDbContext db, HttpContext http, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, ct);
        return user is null
            ? Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, $"There is no user {id}.")
            : TypedResults.Ok(UserResponse.As(user, http.User));
    }

    private static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> UpdateProfile(
        UpdateProfileRequest request, ChatDbContext db, SessionCache sessions, RevocationBus connections, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var userId = http.User.UserId();
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.Role is not (UserRole.Moderator or UserRole.Admin) && request.DisplayName is { } name && DisplayNameRules.ReadsAsStaff(name))
            return Problems.Invalid(new Dictionary<string, string[]> { [nameof(request.DisplayName)] = [VisibleNameAttribute.StaffNameMessage] });
        var before = new { user.DisplayName, user.AvatarUrl };
        if (request.DisplayName is not null)
            user.DisplayName = request.DisplayName.TrimToNull();
        if (request.AvatarUrl is not null)
            user.AvatarUrl = request.AvatarUrl.TrimToNull();
        db.Audit(AuditActions.ProfileUpdate, "user", user.Id, userId, clock.GetUtcNow(), before,
            after: new { user.DisplayName, user.AvatarUrl }, ipAddress: http.ClientIp());
        await db.SaveChangesAsync(ct);
        // Requests take how the user is shown from the session cache; open hub connections are told on every replica.
        await sessions.ForgetUserAsync(userId);
        await connections.PublishAsync(Revocation.ProfileChanged(user.ToSummary()));
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, ChatDbContext db, PasswordHashing hashing, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        return await NewAccounts.CreateAsync(db, hashing, clock, request.UserName!, request.Password!, request.DisplayName,
            Roles.Parse(request.Role), AuditActions.UserCreate, actorId: http.User.UserId(), http, ct);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ChangeRole(
        Guid id, ChangeRoleRequest request, ChatDbContext db, AccessChanges changes, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var role = Roles.Parse(request.Role);
        var result = await db.InTransactionAsync<Results<Ok<UserResponse>, ProblemHttpResult>>(async token =>
        {
            var admins = await LockAdminsAsync(db, token);
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, token);
            if (user is null)
                return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, $"There is no user {id}.");
            if (user.Role == UserRole.Guest)
                return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.UserGuestRole, "Guest accounts are temporary and cannot be given a role; the guest can register instead.");
            if (user.Role == UserRole.Admin && role != UserRole.Admin && admins.Count == 1)
                return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.UserLastAdmin, "This is the last admin. Make someone else an admin first.");
            if (user.Role == role)
                return TypedResults.Ok(UserResponse.From(user));

            db.Audit(AuditActions.RoleChange, "user", user.Id, http.User.UserId(), clock.GetUtcNow(),
                before: new { Role = user.Role.ToString() }, after: new { Role = role.ToString() }, ipAddress: http.ClientIp());
            user.Role = role;
            return TypedResults.Ok(UserResponse.From(user));
        }, ct);
        if (result.Result is Ok<UserResponse>)
            await changes.UserChangedAsync(id, "role_changed");
        return result;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteUser(
        Guid id, ChatDbContext db, Sessions sessions, AccessChanges changes, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var result = await db.InTransactionAsync<Results<NoContent, ProblemHttpResult>>(async token =>
        {
            var admins = await LockAdminsAsync(db, token);
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, token);
            if (user is null)
                return Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, $"There is no user {id}.");
            if (user.Role == UserRole.Admin && admins.Count == 1)
                return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.UserLastAdmin, "This is the last admin. Make someone else an admin first.");

            var now = clock.GetUtcNow();
            user.DeletedAt = now;
            var ended = await sessions.RevokeAllAsync(user.Id, "user_deleted", except: null, token);
            db.Audit(AuditActions.UserDelete, "user", user.Id, http.User.UserId(), now,
                before: UserResponse.From(user), metadata: new { endedSessions = ended.Count }, ipAddress: http.ClientIp());
            return TypedResults.NoContent();
        }, ct);
        // The user's cached state is dropped, so all of their sessions fail at once.
        if (result.Result is NoContent)
            await changes.UserChangedAsync(id, "user_deleted");
        return result;
    }

    /// <summary>
    /// Locks the admin rows for the rest of the transaction, so two admins demoting or deleting each
    /// other at the same moment cannot leave the installation without an admin.
    /// </summary>
    private static Task<List<Guid>> LockAdminsAsync(ChatDbContext db, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM users WHERE role = 'Admin' AND deleted_at IS NULL FOR UPDATE")
            .ToListAsync(ct);
}
