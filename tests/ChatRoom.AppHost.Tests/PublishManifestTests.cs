using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;

namespace ChatRoom.AppHost.Tests;

/// <summary>
/// What <c>azd</c> deploys: the AppHost's manifest (<c>--publisher manifest</c>, the form azd reads). It always
/// describes containers, whatever this machine runs locally.
/// </summary>
public sealed class PublishManifestTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chatroom-manifest-{Guid.NewGuid():N}");
    private JsonObject _resources = [];

    public async ValueTask InitializeAsync()
    {
        using var timeout = Timeouts.Start();
        var path = Path.Combine(_directory, "aspire-manifest.json");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChatRoom_AppHost>(
            ["--publisher", "manifest", "--output-path", path, "--Infrastructure=Local"], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.RunAsync(timeout.Token);
        _resources = JsonNode.Parse(await File.ReadAllTextAsync(path, timeout.Token))!["resources"]!.AsObject();
    }

    [Fact]
    public void PostgresAndRedisAreContainersAndTheDatabaseKeepsItsDataInAVolume()
    {
        Assert.Equal("container.v0", Type("postgres"));
        Assert.Contains("postgres", (string?)_resources["postgres"]!["image"]);
        var volume = Assert.Single(_resources["postgres"]!["volumes"]!.AsArray());
        Assert.StartsWith("/var/lib/postgresql", (string?)volume!["target"], StringComparison.Ordinal);
        Assert.Equal("{postgres.connectionString};Database=chatdb", (string?)_resources["chatdb"]!["connectionString"]);
        Assert.Equal("container.v0", Type("redis"));
    }

    [Fact]
    public void BlobStorageIsASecretConnectionStringThatTheApiAndWorkerGet()
    {
        Assert.Equal("parameter.v0", Type("blobs"));
        Assert.True(_resources["blobs"]!["inputs"]!["value"]!["secret"]!.GetValue<bool>());
        Assert.Equal("{blobs.connectionString}", (string?)_resources["api"]!["env"]!["ConnectionStrings__blobs"]);
        Assert.Equal("{blobs.connectionString}", (string?)_resources["worker"]!["env"]!["ConnectionStrings__blobs"]);
    }

    [Fact]
    public void TheServicesAreProjectsAndOnlyTheWebIsExternal()
    {
        foreach (var name in (string[])["migrations", "api", "worker", "web"])
            Assert.StartsWith("project.", Type(name), StringComparison.Ordinal);

        var external = _resources
            .Where(r => r.Value!["bindings"] is JsonObject bindings
                        && bindings.Any(b => b.Value!["external"]?.GetValue<bool>() == true))
            .Select(r => r.Key);
        Assert.Equal(["web"], external);
    }

    [Fact]
    public void EachServiceConnectsAsItsOwnDatabaseRoleAndTheWebFindsTheApi()
    {
        var apiEnv = _resources["api"]!["env"]!.AsObject();
        Assert.Contains("chatroom_api", (string?)apiEnv["ConnectionStrings__chatdb"]);
        Assert.Equal("{redis.connectionString}", (string?)apiEnv["ConnectionStrings__redis"]);
        Assert.Contains("Username=chatroom_worker", (string?)_resources["worker"]!["env"]!["ConnectionStrings__chatdb"], StringComparison.Ordinal);
        Assert.Equal("{chatdb.connectionString}", (string?)_resources["migrations"]!["env"]!["ConnectionStrings__chatdb"]);
        Assert.Equal("{api.bindings.http.url}", (string?)_resources["web"]!["env"]!["services__api__http__0"]);
    }

    [Fact]
    public void SecretsArePromptedOrGeneratedParametersNeverValues()
    {
        foreach (var name in (string[])["initial-admin-password", "jwt-signing-key", "db-api-password", "db-worker-password", "postgres-password", "redis-password"])
        {
            Assert.Equal("parameter.v0", Type(name));
            var input = _resources[name]!["inputs"]!["value"]!;
            Assert.True(input["secret"]!.GetValue<bool>(), name + " is secret");
            Assert.NotNull(input["default"]?["generate"]);
        }
        Assert.Contains("Password={db-api-password.value}", (string?)_resources["api"]!["env"]!["ConnectionStrings__chatdb"], StringComparison.Ordinal);
    }

    [Fact]
    public void ADeploymentTakesPaymentsThroughStripeWithSecretKeysAzdAsksFor()
    {
        foreach (var (name, secret) in new[] { ("stripe-secret-key", true), ("stripe-webhook-secret", true), ("public-url", false) })
        {
            Assert.Equal("parameter.v0", Type(name));
            Assert.Equal(secret, _resources[name]!["inputs"]?["value"]?["secret"]?.GetValue<bool>() ?? false);
        }
        foreach (var service in new[] { "api", "worker" })
        {
            var env = _resources[service]!["env"]!;
            Assert.Equal("Stripe", (string?)env["Payments__Provider"]);
            Assert.Equal("{stripe-secret-key.value}", (string?)env["Payments__Stripe__SecretKey"]);
            Assert.Equal("{stripe-webhook-secret.value}", (string?)env["Payments__Stripe__WebhookSecret"]);
            Assert.Equal("{public-url.value}", (string?)env["Payments__PublicUrl"]);
        }
    }

    public ValueTask DisposeAsync()
    {
        ChatRoomAppFixture.DeleteDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    private string? Type(string resource) => (string?)_resources[resource]?["type"];
}
