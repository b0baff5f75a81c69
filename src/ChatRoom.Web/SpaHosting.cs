using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace ChatRoom.Web;

/// <summary>
/// Serves the Vite build from wwwroot: fingerprinted <c>/assets/*</c> are cached forever, index.html is
/// revalidated every time, and client-side routes (<c>/rooms/xyz</c>) get index.html.
/// </summary>
public static class SpaHosting
{
    private const string IndexFile = "index.html";
    private const string AssetsPath = "/assets";

    private static readonly StaticFileOptions StaticFiles = new() { OnPrepareResponse = SetCacheHeaders };

    public static IHostApplicationBuilder AddSpaHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RouteOptions>(options =>
            options.SetParameterPolicy<ClientRouteConstraint>(ClientRouteConstraint.Name));
        return builder;
    }

    public static WebApplication UseSpaStaticFiles(this WebApplication app)
    {
        if (!app.Environment.WebRootFileProvider.GetFileInfo(IndexFile).Exists)
            app.Logger.LogWarning(
                "wwwroot/{IndexFile} was not found in {ContentRoot}: the SPA is not built. Run `dotnet build` " +
                "(or `npm run build` in ClientApp) and start again.", IndexFile, app.Environment.ContentRootPath);

        app.UseStaticFiles(StaticFiles);
        return app;
    }

    /// <summary>
    /// index.html for GET/HEAD of paths without a file extension that the server does not own. Routing
    /// ranks a fallback last, so /api and /hubs reach the proxy; the constraint keeps their unknown
    /// sub-paths (and /health/x, /alive/x) from ever turning into the SPA.
    /// </summary>
    public static WebApplication MapSpaFallback(this WebApplication app)
    {
        app.MapFallbackToFile($"{{*path:nonfile:{ClientRouteConstraint.Name}}}", IndexFile, StaticFiles)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    private static void SetCacheHeaders(StaticFileResponseContext context)
    {
        // Vite puts a content hash in every file name under /assets; everything else must be revalidated.
        context.Context.Response.Headers[HeaderNames.CacheControl] =
            context.Context.Request.Path.StartsWithSegments(AssetsPath, StringComparison.OrdinalIgnoreCase)
                ? "public, max-age=31536000, immutable"
                : "no-cache";
    }
}
