using ChatRoom.Api.Users;
using ChatRoom.Data.Identity;
using ChatRoom.Realtime;
using Microsoft.Extensions.Options;

namespace ChatRoom.Api.Auth;

public static class AuthEndpoints
{
    private const string InvalidCredentials = "Invalid user name or password.";

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        var open = auth.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimits.AuthPerAddress);

        open.MapPost("/register", Register).ProducesValidationProblem();
        open.MapPost("/login", Login).ProducesValidationProblem();
        open.MapPost("/guest", Guest).ProducesValidationProblem();
        open.MapPost("/refresh", Refresh);
        open.MapPost("/logout", Logout);
        auth.MapPost("/upgrade", Upgrade).RequireAuthorization().RequireRateLimiting(RateLimits.AuthPerAddress).ProducesValidationProblem()
            .WithSummary("A guest registers: the same account (its messages and history) gets a name and password, and a new session.");
        auth.MapPost("/password", ChangePassword).RequireAuthorization().ProducesValidationProblem();
        auth.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, ChatDbContext db, PasswordHashing hashing, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        return await NewAccounts.CreateAsync(db, hashing, clock, request.UserName!, request.Password!, request.DisplayName,
            UserRole.User, AuditActions.Register, actorId: null, http, ct);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, ChatDbContext db, PasswordHashing hashing, Sessions sessions, TokenIssuer issuer,
        SignInThrottle throttle, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var normalized = User.Normalize(request.UserName!);
        // Counted per account and address, never a lock on the account: see SignInThrottle.
        var wait = await throttle.WaitAsync(normalized, http);
        if (wait > TimeSpan.Zero)
            return Problems.TooMany(http, ErrorCodes.AuthTooManyFailures, "Too many failed sign-ins to this account from your address.", wait);

        var user = await db.Users.SingleOrDefaultAsync(
            u => u.NormalizedUserName == normalized && u.DeletedAt == null && u.PasswordHash != null, ct);
        // Unknown users cost a full hash too, so the answer's timing does not reveal which names exist.
        var valid = user is null
            ? await hashing.VerifyDummyAsync(request.Password!, ct)
            : await hashing.VerifyAsync(request.Password!, user.PasswordHash!, ct);
        var now = clock.GetUtcNow();
        if (user is null || !valid || user.PasswordHash is null)
        {
            await throttle.FailedAsync(normalized, http);
            db.Audit(AuditActions.LoginFailed, "user", user?.Id, actorId: null, now,
                metadata: new { userName = request.UserName }, ipAddress: http.ClientIp());
            await db.SaveChangesAsync(ct);
            return Problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.AuthInvalidCredentials, InvalidCredentials);
        }
        if (await db.ActiveBanAsync(user!.Id, now, ct) is { } ban)
            return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.AuthBanned, Bans.Describe(ban));

        await throttle.SucceededAsync(normalized, http);
        if (hashing.NeedsRehash(user.PasswordHash))
            user.PasswordHash = await hashing.HashAsync(request.Password!, ct);
        user.LastLoginAt = now;
        var (family, refreshToken) = sessions.Start(user, http);
        db.Audit(AuditActions.Login, "user", user.Id, user.Id, now, metadata: new { sessionId = family.Id }, ipAddress: http.ClientIp());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(issuer.Issue(http, user, family, refreshToken));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Guest(
        GuestRequest? request, ChatDbContext db, Sessions sessions, TokenIssuer issuer, IOptions<SessionOptions> options,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var name = $"guest-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5))}";
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            UserName = name,
            NormalizedUserName = User.Normalize(name),
            DisplayName = request?.DisplayName.TrimToNull() ?? name,
            Role = UserRole.Guest,
            CreatedAt = now,
            LastLoginAt = now,
            ExpiresAt = now + options.Value.GuestLifetime,
        };
        db.Users.Add(user);
        var (family, refreshToken) = sessions.Start(user, http);
        family.ExpiresAt = user.ExpiresAt.Value;
        family.Tokens.ForEach(t => t.ExpiresAt = family.ExpiresAt);
        db.Audit(AuditActions.GuestCreate, "user", user.Id, user.Id, now, after: UserResponse.From(user), ipAddress: http.ClientIp());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(issuer.Issue(http, user, family, refreshToken));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Upgrade(
        RegisterRequest request, ChatDbContext db, PasswordHashing hashing, Sessions sessions, TokenIssuer issuer, AccessChanges changes,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.Role != UserRole.Guest)
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.AuthNotGuest, "This account is registered already.");
        var normalized = User.Normalize(request.UserName!);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != userId, ct))
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.AuthNameTaken, "That user name is taken.");
        var passwordHash = await hashing.HashAsync(request.Password!, ct);

        var before = UserResponse.From(user);
        // A guest named only by the generated name takes the new one; a name they chose stays.
        var displayName = request.DisplayName.TrimToNull() ?? (user.DisplayName == user.UserName ? null : user.DisplayName);
        var now = clock.GetUtcNow();
        (List<Guid> Ended, SessionFamily Family, string RefreshToken) session;
        try
        {
            session = await db.InTransactionAsync(async token =>
            {
                // The guest's session ends (its tokens carry the guest's role and lifetime); the person carries on in a new one.
                var ended = await sessions.RevokeAllAsync(userId, "upgraded", except: null, token);
                user.UserName = request.UserName!;
                user.NormalizedUserName = normalized;
                user.PasswordHash = passwordHash;
                user.DisplayName = displayName;
                user.Role = UserRole.User;
                user.ExpiresAt = null;
                user.LastLoginAt = now;
                var (family, refreshToken) = sessions.Start(user, http);
                db.Audit(AuditActions.GuestUpgrade, "user", user.Id, user.Id, now, before, UserResponse.From(user),
                    metadata: new { sessionId = family.Id }, ipAddress: http.ClientIp());
                return (ended, family, refreshToken);
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Of(StatusCodes.Status409Conflict, ErrorCodes.AuthNameTaken, "That user name is taken.");
        }
        await changes.SessionsEndedAsync(userId, session.Ended, "upgraded");
        return TypedResults.Ok(issuer.Issue(http, user, session.Family, session.RefreshToken));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        Sessions sessions, Csrf csrf, SessionCache cache, TokenIssuer issuer, HttpContext http, CancellationToken ct)
    {
        var refreshToken = AuthCookies.RefreshToken(http);
        var family = await sessions.FindFamilyAsync(refreshToken, ct);
        if (family is null)
        {
            AuthCookies.Clear(http);
            return Problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.AuthSessionEnded, "There is no session to refresh. Sign in again.");
        }
        if (!csrf.IsValid(family.Id, http.Request.Headers[Csrf.HeaderName], AuthCookies.CsrfToken(http)))
            return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.AuthCsrfInvalid, $"The {Csrf.HeaderName} header is missing or does not match this session.");

        switch (await sessions.RotateAsync(refreshToken, ct))
        {
            case RotationResult.Rotated rotated when (await cache.GetAsync(rotated.User.Id, rotated.Family.Id, ct)).Active:
                return TypedResults.Ok(issuer.Issue(http, rotated.User, rotated.Family, rotated.RefreshToken));
            case RotationResult.Reused:
                AuthCookies.Clear(http);
                return Problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.AuthSessionEnded, "This session was ended because an old refresh token was used again. Sign in again.");
            default:
                AuthCookies.Clear(http);
                return Problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.AuthSessionEnded, "The session has ended. Sign in again.");
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Logout(
        Sessions sessions, Csrf csrf, AccessChanges changes, ChatDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var family = await sessions.FindFamilyAsync(AuthCookies.RefreshToken(http), ct);
        if (family is null)
        {
            AuthCookies.Clear(http);
            return TypedResults.NoContent();
        }
        if (!csrf.IsValid(family.Id, http.Request.Headers[Csrf.HeaderName], AuthCookies.CsrfToken(http)))
            return Problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.AuthCsrfInvalid, $"The {Csrf.HeaderName} header is missing or does not match this session.");

        if (family.RevokedAt is null)
        {
            sessions.Revoke(family, "logout");
            db.Audit(AuditActions.Logout, "session", family.Id, family.UserId, clock.GetUtcNow(), ipAddress: http.ClientIp());
            await db.SaveChangesAsync(ct);
            await changes.SessionsEndedAsync(family.UserId, [family.Id], "logout");
        }
        AuthCookies.Clear(http);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ChatDbContext db, PasswordHashing hashing, Sessions sessions, AccessChanges changes,
        SignInThrottle throttle, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var sessionId = http.User.SessionId();
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.PasswordHash is null)
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCodes.AuthNoPassword, "Guest accounts have no password. Register an account to set one.");
        // Whoever holds an access token must not get an unlimited password oracle: wrong current passwords
        // count like failed sign-ins, for this account from this address.
        var wait = await throttle.WaitAsync(user.NormalizedUserName, http);
        if (wait > TimeSpan.Zero)
            return Problems.TooMany(http, ErrorCodes.AuthTooManyFailures, "Too many wrong passwords for this account from your address.", wait);
        if (!await hashing.VerifyAsync(request.CurrentPassword!, user.PasswordHash, ct))
        {
            await throttle.FailedAsync(user.NormalizedUserName, http);
            return Problems.Invalid(new Dictionary<string, string[]> { ["CurrentPassword"] = ["The current password is wrong."] }, ErrorCodes.AuthWrongPassword);
        }

        await throttle.SucceededAsync(user.NormalizedUserName, http);
        var newHash = await hashing.HashAsync(request.NewPassword!, ct);
        var ended = await db.InTransactionAsync(async token =>
        {
            user.PasswordHash = newHash;
            var revoked = await sessions.RevokeAllAsync(userId, "password_change", except: sessionId, token);
            db.Audit(AuditActions.PasswordChange, "user", userId, userId, clock.GetUtcNow(),
                metadata: new { endedSessions = revoked.Count }, ipAddress: http.ClientIp());
            return revoked;
        }, ct);
        await changes.SessionsEndedAsync(userId, ended, "password_changed");
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(ChatDbContext db, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? Problems.Of(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, "The account no longer exists.") : TypedResults.Ok(UserResponse.From(user));
    }
}
