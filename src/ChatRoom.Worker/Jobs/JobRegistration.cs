namespace ChatRoom.Worker.Jobs;

public static class JobRegistration
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JobMetrics>();
        builder.AddJob<PulseJob, PulseJobOptions>(PulseJobOptions.SectionName);
        builder.AddJob<SessionCleanupJob, SessionCleanupOptions>(SessionCleanupOptions.SectionName);
        builder.AddJob<HeartbeatExpiryJob, HeartbeatExpiryOptions>(HeartbeatExpiryOptions.SectionName);
        builder.AddJob<RestrictionExpiryJob, RestrictionExpiryOptions>(RestrictionExpiryOptions.SectionName);
        return builder;
    }

    internal static IHostApplicationBuilder AddJob<TJob, TOptions>(this IHostApplicationBuilder builder, string sectionName)
        where TJob : class, IHostedService
        where TOptions : JobOptions
    {
        builder.Services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<TJob>();
        return builder;
    }
}
