using System.ComponentModel.DataAnnotations;
using ChatRoom.Chat.Attachments;
using ChatRoom.Chat.Messages;
using ChatRoom.Chat.Moderation;
using ChatRoom.Chat.Notifications;
using ChatRoom.Chat.RateLimiting;
using ChatRoom.Chat.Rooms;
using ChatRoom.Chat.Verification;
using ChatRoom.Data.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace ChatRoom.Realtime;

public static class RealtimeRegistration
{
    /// <summary>For the Api: the hub, its services and the message writer, over the Redis backplane.</summary>
    public static IHostApplicationBuilder AddChatRealtime(this IHostApplicationBuilder builder)
    {
        builder.AddChatPublishing();
        builder.Services.AddOptions<MessageWriterOptions>().BindConfiguration(MessageWriterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MessageStore>();
        builder.Services.AddSingleton<MessagePublisher>();
        builder.Services.AddSingleton<MessageWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<IRoomSubscriptions, HubRoomSubscriptions>();
        builder.Services.AddScoped<RoomSessions>();
        builder.Services.AddHostedService<RoomHeads>();
        builder.Services.AddScoped<RoomAccess>();
        builder.Services.AddSingleton<RoomSettingsCache>();
        builder.Services.AddSingleton<RoomUpdates>();
        builder.Services.AddScoped<MessageQueries>();
        builder.Services.AddScoped<ChatService>();
        // Sends claim the files uploaded for them.
        builder.AddDocumentStorage();
        builder.Services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<MessageAttachments>();
        builder.Services.AddScoped<MessageReactions>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddOptions<ReactionLimitOptions>().BindConfiguration(ReactionLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SendLimitOptions>().BindConfiguration(SendLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<WindowCounter>();
        builder.Services.AddSingleton<SendLimits>();
        builder.AddModerationDecisions();
        return builder;
    }

    /// <summary>
    /// The moderation queue's stream and the approve/reject decisions: the Api writes to the queue and lets
    /// moderators decide; the Worker reads the queue and rejects what the checks find. Needs <see cref="AddChatPublishing"/>.
    /// </summary>
    public static IHostApplicationBuilder AddModerationDecisions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModerationStreamOptions>().BindConfiguration(ModerationStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<ModerationStream>();
        builder.Services.TryAddScoped<ModerationDecisions>();
        builder.Services.TryAddScoped<ThreadReplies>();
        return builder;
    }

    /// <summary>
    /// For anything that pushes events (the Worker too): SignalR over the Redis backplane, so
    /// <c>IHubContext&lt;ChatHub, IChatClient&gt;</c> reaches clients on every Api replica. Needs the service's
    /// <see cref="IConnectionMultiplexer"/> (Aspire's <c>AddRedisClient</c>): the backplane rides on it.
    /// </summary>
    public static IHostApplicationBuilder AddChatPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // The backplane uses a connection from its factory as it is, so the channel prefix must be the shared
        // connection's own; it then applies to every channel on it (RevocationBus's too), publishing and listening.
        builder.Services.AddOptions<ConfigurationOptions>()
            .Configure<IOptions<RealtimeOptions>>((redis, realtime) =>
            {
                redis.ChannelPrefix = RedisChannel.Literal(realtime.Value.ChannelPrefix + ":");
                // The backplane's traffic is one message in and hundreds of socket writes out: completions run on
                // the shared thread pool instead of the client's own ten threads, which on a small machine spend
                // their time handing work to each other under a lock.
                redis.SocketManager = SocketManager.ThreadPool;
            });

        builder.Services.AddSingleton<ChatMetrics>();
        builder.Services.AddSingleton<ChatBroadcasts>();
        builder.Services.AddSingleton<IChatEvents>(sp => sp.GetRequiredService<ChatBroadcasts>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatBroadcasts>());
        builder.AddChatCore();
        builder.Services.AddSingleton<IUserIdProvider, NoUserIdProvider>();
        builder.Services.AddSignalR(options =>
            {
                // 4000 UTF-16 characters are at most 12 KB of UTF-8, plus the envelope.
                options.MaximumReceiveMessageSize = 16 * 1024;
                options.EnableDetailedErrors = false;
            })
            // JSON for the browser; MessagePack for clients that want smaller, cheaper frames (the load generator).
            .AddMessagePackProtocol()
            .AddStackExchangeRedis();
        // No second connection: the backplane shares the service's one. Disposing, it unsubscribes every channel
        // on that connection and closes it. That happens only when the service provider is disposed, after every
        // hosted service has stopped, but its UNSUBSCRIBEs go through the connection's tracing: the tracer provider
        // must not be disposed before the backplane, so it is built before it (the container disposes in reverse).
        builder.Services.AddOptions<RedisOptions>()
            .Configure<IServiceProvider>((backplane, services) => backplane.ConnectionFactory = _ =>
            {
                services.GetService<TracerProvider>();
                return Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapChatHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<ChatHub>(ChatHub.Path, options =>
        {
            options.AllowStatefulReconnects = true;
            // A connection lives no longer than the access token it was opened with (the client reconnects
            // with a fresh one), so even a connection that never calls the hub ends soon after a revocation.
            options.CloseOnAuthenticationExpiration = true;
        });
        return app;
    }
}
