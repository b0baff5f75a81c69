using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// The first admin account, seeded by the migration service. The user name defaults to "admin"
// (appsettings.json); the password has no default: set it with
// `dotnet user-secrets set Parameters:initial-admin-password <password>`, or enter it when the dashboard asks.
var adminUserName = builder.AddParameter("initial-admin-username");
var adminPassword = builder.AddParameter("initial-admin-password", secret: true)
    .WithDescription("Password of the first admin account, 8 to 128 characters.");

// Generated on first run and kept in the AppHost's user secrets, so sessions survive a restart;
// azd generates one per environment.
var jwtSigningKey = builder.AddParameter(
    "jwt-signing-key",
    new GenerateParameterDefault { MinLength = 64, Special = false },
    secret: true,
    persist: true);

// Each service signs in to PostgreSQL as its own role, created by the migration service: the Api may
// SELECT, INSERT and UPDATE; only the Worker's maintenance role may also DELETE.
var apiDbPassword = builder.AddParameter("db-api-password",
    new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var workerDbPassword = builder.AddParameter("db-worker-password",
    new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

var postgres = builder.AddPostgres("postgres")
    .WithDataVolume();
var chatDb = postgres.AddDatabase("chatdb");

ReferenceExpression ChatDbAs(string role, IResourceBuilder<ParameterResource> password) => ReferenceExpression.Create(
    $"Host={postgres.Resource.PrimaryEndpoint.Property(EndpointProperty.Host)};Port={postgres.Resource.PrimaryEndpoint.Property(EndpointProperty.Port)};Username={role};Password={password.Resource};Database=chatdb");

var redis = builder.AddRedis("redis");

// One-shot: applies the EF Core migrations and seeds, then exits 0. Waiting on the database (not just
// the server) means Aspire has created it before the migrations run.
var migrations = builder.AddProject<Projects.ChatRoom_MigrationService>("migrations")
    .WithReference(chatDb)
    .WaitFor(chatDb)
    .WithEnvironment("INITIAL_ADMIN_USERNAME", adminUserName)
    .WithEnvironment("INITIAL_ADMIN_PASSWORD", adminPassword)
    .WithEnvironment("DatabaseRoles__ApiPassword", apiDbPassword)
    .WithEnvironment("DatabaseRoles__WorkerPassword", workerDbPassword);

// Replicas share state through PostgreSQL and the Redis backplane; scale out with
// `dotnet run --project src/ChatRoom.AppHost -- --ApiReplicas 3`.
var api = builder.AddProject<Projects.ChatRoom_Api>("api")
    .WithReplicas(builder.Configuration.GetValue("ApiReplicas", 1))
    .WithEnvironment("ConnectionStrings__chatdb", ChatDbAs("chatroom_api", apiDbPassword))
    .WithReference(redis)
    .WithEnvironment("Jwt__SigningKey", jwtSigningKey)
    .WaitFor(redis)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.ChatRoom_Worker>("worker")
    .WithEnvironment("ConnectionStrings__chatdb", ChatDbAs("chatroom_worker", workerDbPassword))
    .WithReference(redis)
    .WaitFor(redis)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health");

// The only public endpoint: the SPA, with /api and /hubs proxied to the Api (services__api__http__0).
builder.AddProject<Projects.ChatRoom_Web>("web")
    .WithReference(api)
    .WaitFor(api)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
