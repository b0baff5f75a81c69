using System.Security.Claims;
using ChatRoom.Data.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatRoom.Api.Auth;

public static class AuthRegistration
{
    public const string AdminPolicy = "Admin";
    public const string ModeratorPolicy = "Moderator";

    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>>(new JwtKeyValidation(builder.Environment));
        services.AddSingleton<IPostConfigureOptions<JwtOptions>>(new DevelopmentKey(builder.Environment));
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthRateLimitOptions>().BindConfiguration(AuthRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PasswordHashingOptions>().BindConfiguration(PasswordHashingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => new PasswordHasher(sp.GetRequiredService<IOptions<PasswordHashingOptions>>().Value));
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<Csrf>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionCache>();
        services.AddSingleton<AccessChanges>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<Sessions>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) => ConfigureBearer(bearer, jwt.Value, clock));
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(nameof(UserRole.Admin)))
            .AddPolicy(ModeratorPolicy, policy => policy.RequireRole(nameof(UserRole.Moderator), nameof(UserRole.Admin)));
        return builder;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, JwtOptions jwt, TimeProvider clock)
    {
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = AccessTokens.SigningKey(jwt),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [ChatClaims.AccessTokenType],
            ClockSkew = jwt.ClockSkew,
            RequireExpirationTime = true,
            // Tokens are checked against the clock they are signed with, the service's TimeProvider.
            LifetimeValidator = (notBefore, expires, _, parameters) => CheckLifetime(notBefore, expires, parameters.ClockSkew, clock),
            RequireSignedTokens = true,
            NameClaimType = ChatClaims.Name,
            RoleClaimType = ChatClaims.Role,
        };
        bearer.Events = new JwtBearerEvents
        {
            // Browsers cannot set headers on WebSocket requests: the hub takes the token from the query.
            OnMessageReceived = context =>
            {
                if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") &&
                    context.Request.Query["access_token"] is [{ Length: > 0 } token])
                    context.Token = token;
                return Task.CompletedTask;
            },
            OnTokenValidated = CheckSessionAsync,
            // Tell the client what to do next: refresh an expired token, sign in again after a revocation.
            OnChallenge = context =>
            {
                var (code, detail) = context.AuthenticateFailure switch
                {
                    null => (ErrorCodes.AuthUnauthorized, "Sign in first: this needs an access token (Authorization: Bearer)."),
                    SecurityTokenExpiredException => (ErrorCodes.AuthTokenExpired, "The access token has expired. Refresh the session to get a new one."),
                    SessionEndedException => (ErrorCodes.AuthSessionEnded, "This session has ended (signed out, revoked, or the account changed). Sign in again."),
                    _ => (ErrorCodes.AuthUnauthorized, "The access token is not valid. Sign in again."),
                };
                context.HttpContext.SetProblem(code, detail);
                return Task.CompletedTask;
            },
            OnForbidden = context =>
            {
                context.HttpContext.SetProblem(ErrorCodes.AuthForbidden, "Your account's role does not allow this.");
                return Task.CompletedTask;
            },
        };
    }

    private static bool CheckLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (notBefore is { } from && from > now + skew)
            throw new SecurityTokenNotYetValidException($"The token is valid only from {from:O}.") { NotBefore = from };
        if (expires is not { } until)
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (until < now - skew)
            throw new SecurityTokenExpiredException($"The token expired at {until:O}.") { Expires = until };
        return true;
    }

    /// <summary>
    /// A valid signature is not enough: the session must not be revoked, the user not deleted or banned,
    /// and the role is the current one, not the one in the token.
    /// </summary>
    private static async Task CheckSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirstValue(ChatClaims.UserId), out var userId) ||
            !Guid.TryParse(principal.FindFirstValue(ChatClaims.SessionId), out var sessionId))
        {
            context.Fail("The token does not name a user and a session.");
            return;
        }
        var cache = context.HttpContext.RequestServices.GetRequiredService<SessionCache>();
        var state = await cache.GetAsync(userId, sessionId, context.HttpContext.RequestAborted);
        if (!state.Active)
        {
            context.Fail(new SessionEndedException("The session has ended."));
            return;
        }
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var stale in identity.FindAll(ChatClaims.Role).ToList())
            identity.RemoveClaim(stale);
        identity.AddClaim(new Claim(ChatClaims.Role, state.Role.ToString()));
        context.HttpContext.Features.Set(state.Person);
    }

    private sealed class JwtKeyValidation(IHostEnvironment environment) : IValidateOptions<JwtOptions>
    {
        public ValidateOptionsResult Validate(string? name, JwtOptions options)
        {
            if (string.IsNullOrEmpty(options.SigningKey))
                return ValidateOptionsResult.Fail(
                    $"Jwt:SigningKey is not set (environment {environment.EnvironmentName}). Set Jwt__SigningKey to a random secret of at least {JwtOptions.MinimumKeyBytes} bytes.");
            return System.Text.Encoding.UTF8.GetByteCount(options.SigningKey) < JwtOptions.MinimumKeyBytes
                ? ValidateOptionsResult.Fail($"Jwt:SigningKey is too short: it must be at least {JwtOptions.MinimumKeyBytes} bytes (256 bits).")
                : ValidateOptionsResult.Success;
        }
    }

    /// <summary>In Development only, a missing key becomes a random one for this process (tokens die with it).</summary>
    private sealed class DevelopmentKey(IHostEnvironment environment) : IPostConfigureOptions<JwtOptions>
    {
        private readonly string _key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

        public void PostConfigure(string? name, JwtOptions options)
        {
            if (environment.IsDevelopment() && string.IsNullOrEmpty(options.SigningKey))
                options.SigningKey = _key;
        }
    }
}

/// <summary>A correctly signed access token whose session is over (or whose user may no longer sign in).</summary>
public sealed class SessionEndedException(string message) : Exception(message);
