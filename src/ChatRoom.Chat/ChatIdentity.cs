using System.Security.Claims;

namespace ChatRoom.Chat;

/// <summary>
/// Reads the access token's claims (<c>sub</c>, <c>sid</c>, <c>role</c>; the role already replaced by the
/// current one when the token was validated). The identity always comes from the token, never from arguments.
/// </summary>
public static class ChatIdentity
{
    public const string UserIdClaim = "sub";
    public const string SessionIdClaim = "sid";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";

    public static Guid UserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(UserIdClaim)!);

    public static Guid SessionId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(SessionIdClaim)!);

    public static Viewer Viewer(this ClaimsPrincipal user) =>
        new(user.UserId(), Enum.Parse<UserRole>(user.FindFirstValue(RoleClaim) ?? nameof(UserRole.Guest)));
}
