using ChatRoom.AppHost;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// Generated once and kept in the AppHost's user secrets (./run.sh prints the admin's on the first run);
// azd generates them per environment. The admin's name defaults to "admin" (appsettings.json).
var adminUserName = builder.AddParameter("initial-admin-username");
var adminPassword = builder.AddGeneratedSecret("initial-admin-password", minLength: 20);
var jwtSigningKey = builder.AddGeneratedSecret("jwt-signing-key", minLength: 64);
// Each service signs in to PostgreSQL as its own role, created by the migration service: the Api may
// SELECT, INSERT and UPDATE; only the Worker's maintenance role may also DELETE.
var apiDbPassword = builder.AddGeneratedSecret("db-api-password", minLength: 32);
var workerDbPassword = builder.AddGeneratedSecret("db-worker-password", minLength: 32);
// Phone numbers are encrypted with the first and found by hashes keyed with the second: both must outlive every
// deployment (losing them loses the numbers), so they are kept like the passwords above.
var phoneKey = builder.AddGeneratedSecret("phone-encryption-key", minLength: 48);
var phoneHashKey = builder.AddGeneratedSecret("phone-hash-key", minLength: 48);
builder.FailFastOnMissingParameters();

// Containers where a runtime answers (and always for azd), the machine's own binaries otherwise.
var infrastructure = builder.AddChatInfrastructure();
var chatDb = infrastructure.Database;
var redis = infrastructure.Redis;
var blobs = infrastructure.Blobs;

// One-shot: applies the migrations, seeds, creates the services' roles, exits 0.
var migrations = builder.AddProject<Projects.ChatRoom_MigrationService>("migrations")
    .WithReference(chatDb)
    .WaitFor(chatDb)
    .WithEnvironment("INITIAL_ADMIN_USERNAME", adminUserName)
    .WithEnvironment("INITIAL_ADMIN_PASSWORD", adminPassword)
    .WithEnvironment("DatabaseRoles__ApiPassword", apiDbPassword)
    .WithEnvironment("DatabaseRoles__WorkerPassword", workerDbPassword);

// Replicas share state through PostgreSQL and the Redis backplane: `-- --ApiReplicas 3` scales out.
var api = builder.AddProject<Projects.ChatRoom_Api>("api")
    .WithReplicas(builder.Configuration.GetValue("ApiReplicas", 1))
    .WithEnvironment("ConnectionStrings__chatdb", infrastructure.DatabaseAs("chatroom_api", apiDbPassword))
    .WithReference(redis)
    .WithEnvironment("Jwt__SigningKey", jwtSigningKey)
    .WithEnvironment("PhoneProtection__Keys__1", phoneKey)
    .WithEnvironment("PhoneProtection__CurrentKeyId", "1")
    .WithEnvironment("PhoneProtection__HashKey", phoneHashKey)
    .WithTextMessages(builder)
    .WithPayments(builder)
    .WithReference(blobs)
    .WaitFor(redis)
    .WaitFor(blobs)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.ChatRoom_Worker>("worker")
    .WithEnvironment("ConnectionStrings__chatdb", infrastructure.DatabaseAs("chatroom_worker", workerDbPassword))
    .WithPayments(builder)
    .WithReference(redis)
    .WithReference(blobs)
    .WaitFor(redis)
    .WaitFor(blobs)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health");

// The only public endpoint: the SPA, with /api and /hubs proxied to the Api (services__api__http__N).
builder.AddProject<Projects.ChatRoom_Web>("web")
    .WithReference(api)
    .WaitFor(api)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
