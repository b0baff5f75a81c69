using ChatRoom.Realtime;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Moderation;

public static class ModerationRegistration
{
    /// <summary>The moderation queue's consumer, the sweep for what it missed, and the checks both apply.</summary>
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        builder.AddModerationDecisions();
        builder.Services.AddOptions<ModerationRulesOptions>().BindConfiguration(ModerationRulesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ModerationQueueOptions>().BindConfiguration(ModerationQueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ContentChecks>();
        builder.Services.AddScoped<MessageJudge>();
        builder.Services.AddHostedService<ModerationConsumer>();
        builder.AddJob<ModerationSweepJob, ModerationSweepOptions>(ModerationSweepOptions.SectionName);
        return builder;
    }
}
