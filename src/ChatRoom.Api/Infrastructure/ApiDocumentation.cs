using Scalar.AspNetCore;

namespace ChatRoom.Api.Infrastructure;

public static class ApiDocumentation
{
    public static IHostApplicationBuilder AddApiDocumentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// The OpenAPI document is public in every environment (it describes nothing secret); the browsable
    /// reference UI only in Development, at <c>/scalar</c>.
    /// </summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference();
        return app;
    }
}
