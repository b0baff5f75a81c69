namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// Security headers on every Api answer, HSTS over HTTPS outside Development, and CORS for deployments that
/// serve the SPA from another origin: exactly the origins in <c>Cors:AllowedOrigins</c>, with credentials
/// (the refresh cookie), and nothing else. With none configured, no cross-origin browser call is allowed.
/// </summary>
public static class HttpSecurity
{
    public const string CorsPolicy = "configured-origins";

    public static IHostApplicationBuilder AddHttpSecurity(this IHostApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            if (origins.Length > 0)
                policy.WithOrigins(origins).AllowCredentials().AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After");
        }));
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseHttpSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            // The Api serves JSON only; the Development API reference UI (/scalar) loads its own scripts.
            if (!context.Request.Path.StartsWithSegments("/scalar"))
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            await next(context);
        });
        app.UseCors(CorsPolicy);
        return app;
    }
}
