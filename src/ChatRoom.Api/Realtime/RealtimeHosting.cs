using ChatRoom.Api.Auth;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Api.Realtime;

public static class RealtimeHosting
{
    /// <summary>The hub and its services, plus what keeps connections tied to live sessions.</summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.AddChatRealtime();
        builder.Services.AddSingleton<RevocationBus>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RevocationBus>());
        builder.Services.AddHostedService<SessionWatch>();
        builder.Services.AddSingleton<SessionHubFilter>();
        builder.Services.Configure<HubOptions>(options => options.AddFilter<SessionHubFilter>());
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapChatHub();
        return app;
    }

    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) => app.UseMiddleware<HubOriginCheck>();
}
