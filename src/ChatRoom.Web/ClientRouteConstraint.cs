namespace ChatRoom.Web;

/// <summary>Matches every path except those the server owns, which must never be answered with the SPA.</summary>
public sealed class ClientRouteConstraint : IRouteConstraint
{
    public const string Name = "clientroute";

    private static readonly PathString[] ServerPaths = ["/api", "/hubs", "/health", "/alive"];

    public bool Match(
        HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is null || !Array.Exists(ServerPaths, path => httpContext.Request.Path.StartsWithSegments(path));
}
