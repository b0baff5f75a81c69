using Npgsql;

namespace ChatRoom.Api.Infrastructure;

public static class ChatDatabase
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:chatdb</c>, with its health check, traces and
    /// metrics (Aspire.Npgsql), shared by the pooled <see cref="ChatDbContext"/> and the message writer, which
    /// writes its batches on connections of its own. Enriching the context adds EF's retrying execution strategy.
    /// </summary>
    public static IHostApplicationBuilder AddChatDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("chatdb");
        builder.Services.AddDbContextPool<ChatDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseChatRoomConventions());
        // The data source's check already answers for the database.
        builder.EnrichNpgsqlDbContext<ChatDbContext>(settings => settings.DisableHealthChecks = true);
        return builder;
    }
}
