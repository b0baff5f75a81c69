namespace ChatRoom.AppHost;

/// <summary>
/// Azurite's blob service in its container, where a container runtime answers (Aspire's Azure Storage hosting package
/// is not on our feed): the same account, key parameter and connection string as the local program.
/// </summary>
public sealed class AzuriteContainerResource(string name, ParameterResource key) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "blob";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ParameterResource KeyParameter { get; } = key;

    public ReferenceExpression ConnectionStringExpression => AzuriteConnection.To(PrimaryEndpoint, KeyParameter);
}

public static class AzuriteContainerExtensions
{
    public static IResourceBuilder<AzuriteContainerResource> AddAzuriteContainer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var key = builder.AddParameter($"{name}-key", new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);
        return builder.AddResource(new AzuriteContainerResource(name, key.Resource))
            .WithImage("azure-storage/azurite", "3.35.0")
            .WithImageRegistry("mcr.microsoft.com")
            .WithEndpoint(targetPort: 10000, name: AzuriteContainerResource.PrimaryEndpointName, scheme: "http")
            .WithEnvironment(context => context.EnvironmentVariables["AZURITE_ACCOUNTS"] =
                ReferenceExpression.Create($"{AzuriteConnection.AccountName}:{key.Resource}"))
            .WithArgs("azurite-blob", "--blobHost", "0.0.0.0", "--location", "/data", "--skipApiVersionCheck", "--disableTelemetry",
                "--disableProductStyleUrl")
            .WithVolume($"{name}-data", "/data");
    }
}

/// <summary>The one account an Azurite of ours serves, and the connection string to it, whichever way Azurite runs.</summary>
public static class AzuriteConnection
{
    public const string AccountName = "chatroom";

    // An IP address, not "localhost": the Azure SDK reads the account from the path only for IP hosts (emulator style).
    public static ReferenceExpression To(EndpointReference blob, ParameterResource key) => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={key};BlobEndpoint=http://{blob.Property(EndpointProperty.IPV4Host)}:{blob.Property(EndpointProperty.Port)}/{AccountName};");
}
