namespace ChatRoom.AppHost.LocalInfrastructure;

/// <summary>
/// Azure Blob Storage emulated by Azurite (npm), run as a program of the machine with an account and key of its own.
/// Its connection string has the shape of any Azure Storage account's, so the services cannot tell it from one.
/// </summary>
public sealed class LocalAzuriteResource(string name, string command, string workingDirectory, ParameterResource key)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "blob";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ParameterResource KeyParameter { get; } = key;

    public ReferenceExpression ConnectionStringExpression => AzuriteConnection.To(PrimaryEndpoint, KeyParameter);
}
