namespace ChatRoom.Web;

/// <summary>Headers that keep the SPA's page from being framed, sniffed or made to run foreign script.</summary>
public static class SecurityHeaders
{
    // Vite emits only files (checked: no inline <script> or style in index.html), so 'self' is enough.
    // ws:/wss: let the SignalR client open its WebSocket to this same host. blob: shows private files (attachments,
    // identity documents) the SPA fetched with its token: they have no URL a browser could load by itself.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data: blob:; frame-src 'self' blob:; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // HSTS is sent over HTTPS only, and never for localhost, so development stays on plain http.
        if (!app.Environment.IsDevelopment())
            app.UseHsts();

        app.Use((context, next) =>
        {
            // Set when the response starts, so the ones the Api already sent through the proxy are kept.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers.TryAdd("X-Content-Type-Options", "nosniff");
                headers.TryAdd("X-Frame-Options", "DENY");
                headers.TryAdd("Referrer-Policy", "no-referrer");
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        return app;
    }
}
