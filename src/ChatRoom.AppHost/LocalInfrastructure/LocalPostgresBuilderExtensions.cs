using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatRoom.AppHost.LocalInfrastructure;

/// <summary>
/// <c>AddLocalPostgres(...).AddDatabase(...)</c>: PostgreSQL as an executable resource, behaving towards
/// <c>WithReference</c> and <c>WaitFor</c> as Aspire's container does: an allocated (proxied) endpoint, a
/// health check, and the databases created once the server is ready.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class LocalPostgresBuilderExtensions
{
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, LocalInfrastructureOptions options)
    {
        var dataDirectory = PostgresDataDirectory(Path.Combine(options.DataDirectory, name));
        var postgres = LocalBinaries.Find("postgres");
        var initdb = LocalBinaries.Find("initdb");
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);

        var (command, prefix) = LocalBinaries.AsPostgresAccount(postgres);
        var server = new LocalPostgresServerResource(name, command, options.DataDirectory, password);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, ct) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            var secret = await password.GetValueAsync(ct) ?? throw new DistributedApplicationException($"Parameter '{password.Name}' has no value.");
            await PrepareDataDirectoryAsync(initdb, postgres, dataDirectory, secret, logger, ct);
            await PublishDatabasesStateAsync(@event.Services, server, KnownResourceStates.Starting);
        });

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres;Pooling=false");
            await connection.OpenAsync(ct);
            foreach (var databaseName in server.Databases.Values)
                await CreateDatabaseAsync(connection, databaseName, ct);
            await PublishDatabasesStateAsync(@event.Services, server, KnownResourceStates.Running);
        });

        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, (@event, _) =>
            PublishDatabasesStateAsync(@event.Services, server, KnownResourceStates.Exited));

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => (connectionString ?? throw new InvalidOperationException("The connection string is not available yet.")) + ";Database=postgres",
            name: healthCheckKey);

        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithIconName("DatabaseMultiple")
            .WithArgs(context =>
            {
                foreach (var arg in prefix)
                    context.Args.Add(arg);
                context.Args.Add("-D");
                context.Args.Add(dataDirectory);
                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                // TCP on loopback only; no Unix socket (a long data path would overflow its name).
                foreach (var setting in (string[])["listen_addresses=127.0.0.1", "unix_socket_directories=", "max_connections=300"])
                {
                    context.Args.Add("-c");
                    context.Args.Add(setting);
                }
                if (!options.Durable)
                {
                    foreach (var setting in (string[])["fsync=off", "synchronous_commit=off", "full_page_writes=off"])
                    {
                        context.Args.Add("-c");
                        context.Args.Add(setting);
                    }
                }
            })
            .WithHealthCheck(healthCheckKey);
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(name, database.DatabaseName);

        string? connectionString = null;
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));

        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString ?? throw new InvalidOperationException("The connection string is not available yet."),
            name: healthCheckKey);

        return builder.ApplicationBuilder.AddResource(database)
            .WithIconName("Database")
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .WithHealthCheck(healthCheckKey);
    }

    // As root the server runs as the postgres account, which cannot enter a folder under a home like /root:
    // the data then lives under /var/lib/chatroom, in a folder named after the wanted path.
    private static string PostgresDataDirectory(string wanted)
    {
        if (LocalBinaries.PostgresCanReach(wanted))
            return wanted;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..12];
        return Path.Combine("/var/lib/chatroom", hash, Path.GetFileName(wanted));
    }

    /// <summary>
    /// A new folder gets initdb; an existing one gets the superuser password set again in single-user mode, so the
    /// data folder and the password parameter (user secrets, or a test's fresh value) can never disagree.
    /// </summary>
    private static async Task PrepareDataDirectoryAsync(
        string initdb, string postgres, string dataDirectory, string password, ILogger logger, CancellationToken ct)
    {
        await LocalBinaries.HandToPostgresAsync(dataDirectory, ct);
        var setPassword = $"ALTER ROLE {LocalPostgresServerResource.UserName} PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}';\n";
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", dataDirectory);
            var (command, args) = LocalBinaries.AsPostgresAccount(initdb,
                "-D", dataDirectory, "-U", LocalPostgresServerResource.UserName, "-E", "UTF8", "--locale=C",
                "--auth-host=scram-sha-256", "--auth-local=peer", "--no-instructions");
            await LocalBinaries.RunAsync(command, args, null, ct);
        }
        else
        {
            logger.LogInformation("Using the PostgreSQL cluster in {DataDirectory}", dataDirectory);
        }
        var (single, singleArgs) = LocalBinaries.AsPostgresAccount(postgres, "--single", "-D", dataDirectory, "postgres");
        await LocalBinaries.RunAsync(single, singleArgs, setPassword, ct);
    }

    private static async Task CreateDatabaseAsync(NpgsqlConnection connection, string databaseName, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(ct) is not null)
            return;
        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(databaseName);
        await using var create = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE {quoted}"), connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    // Aspire hands a parent's state to its children only when the parent is a container; for an executable
    // server the databases' state is ours to publish, or everything waiting on a database would wait forever.
    private static async Task PublishDatabasesStateAsync(IServiceProvider services, LocalPostgresServerResource server, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var model = services.GetRequiredService<DistributedApplicationModel>();
        foreach (var database in model.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = state,
                StartTimeStamp = state == KnownResourceStates.Running ? DateTime.UtcNow : snapshot.StartTimeStamp,
                StopTimeStamp = state == KnownResourceStates.Exited ? DateTime.UtcNow : null,
            });
        }
    }
}
