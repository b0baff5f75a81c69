namespace ChatRoom.Api.Infrastructure;

public static class ErrorHandling
{
    /// <summary>RFC 9457 problem details for every error answer, with a useful detail for bad requests.</summary>
    public static IHostApplicationBuilder AddErrorHandling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        // Let unreadable bodies and parameters reach BadRequestHandler instead of becoming bare 400s.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
