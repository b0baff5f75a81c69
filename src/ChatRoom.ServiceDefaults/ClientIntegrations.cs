using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What Aspire's client integrations (Aspire.Npgsql.EntityFrameworkCore.PostgreSQL, Aspire.StackExchange.Redis)
/// add, without depending on them: the same connection-string names, retries, health checks and telemetry.
/// </summary>
public static class ClientIntegrations
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A pooled DbContext over one <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{name}</c>,
    /// retrying transient failures, with a readiness check. Npgsql traces and metrics are enabled by
    /// <see cref="ServiceDefaultsExtensions.ConfigureOpenTelemetry{TBuilder}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = RequireConnectionString(builder.Configuration, connectionName);

        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddDbContextPool<TContext>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.EnableRetryOnFailure());
            configure?.Invoke(options);
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(
            name: connectionName,
            tags: [ServiceDefaultsExtensions.ReadyTag],
            customTestQuery: async (context, ct) =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(HealthTimeout);
                return await context.Database.CanConnectAsync(timeout.Token);
            });
        return builder;
    }

    /// <summary>
    /// One shared <see cref="IConnectionMultiplexer"/> from <c>ConnectionStrings:{name}</c>. It does not
    /// abort when Redis is down at start: the service starts, reports unhealthy, and reconnects by itself.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var options = ConfigurationOptions.Parse(RequireConnectionString(builder.Configuration, connectionName));
        options.AbortOnConnectFail = false;
        options.ClientName ??= builder.Environment.ApplicationName;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()),
            HealthStatus.Unhealthy,
            [ServiceDefaultsExtensions.ReadyTag],
            HealthTimeout));
        return builder;
    }

    private static string RequireConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not set. Set the environment variable ConnectionStrings__{name} " +
                "(run.sh and the AppHost do this for you).");

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.IsConnected)
                return HealthCheckResult.Unhealthy("Not connected to Redis.");
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis did not answer PING.", ex);
            }
        }
    }
}
