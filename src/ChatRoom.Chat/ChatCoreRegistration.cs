using ChatRoom.Chat.Moderation;
using ChatRoom.Chat.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatRoom.Chat;

public static class ChatCoreRegistration
{
    /// <summary>
    /// What every service that runs chat operations needs (the Api and the Worker): people, presence, restrictions
    /// and the Redis guard. Needs an <see cref="IChatEvents"/> and the service's Redis connection.
    /// </summary>
    public static IHostApplicationBuilder AddChatCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<RedisGuard>();
        builder.Services.TryAddSingleton<RedisCache>();
        builder.Services.TryAddSingleton<PresenceTracker>();
        builder.Services.TryAddScoped<PresenceService>();
        builder.Services.TryAddScoped<ChatUsers>();
        builder.Services.TryAddScoped<Restrictions>();
        builder.Services.TryAddScoped<RestrictionExpiry>();
        return builder;
    }
}
