namespace ChatRoom.AppHost.LocalInfrastructure;

/// <summary>
/// PostgreSQL run from the machine's own binaries. Its connection string and connection properties have the
/// same shape as Aspire's <c>PostgresServerResource</c>, so a service cannot tell which of the two it was given.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "postgres";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>Database resource name → database name.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host={Host};Port={Port};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(string resourceName, string databaseName) => _databases.TryAdd(resourceName, databaseName);

    internal ReferenceExpression UriFor(string? databaseName)
    {
        var builder = new ReferenceExpressionBuilder();
        builder.Append($"postgresql://{UserName:uri}:{PasswordParameter:uri}@{Host}:{Port}");
        if (databaseName is not null)
            builder.Append($"/{databaseName:uri}");
        return builder.Build();
    }

    internal ReferenceExpression JdbcFor(string? databaseName) => databaseName is null
        ? ReferenceExpression.Create($"jdbc:postgresql://{Host}:{Port}")
        : ReferenceExpression.Create($"jdbc:postgresql://{Host}:{Port}/{databaseName:uri}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Username", ReferenceExpression.Create($"{UserName}")),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", UriFor(null)),
        new("JdbcConnectionString", JdbcFor(null)),
    ];
}

/// <summary>A database on a <see cref="LocalPostgresServerResource"/>, created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        ((IResourceWithConnectionString)Parent).GetConnectionProperties()
            .Where(p => p.Key is not ("Uri" or "JdbcConnectionString"))
            .Concat(
            [
                new("DatabaseName", ReferenceExpression.Create($"{DatabaseName}")),
                new("Uri", Parent.UriFor(DatabaseName)),
                new("JdbcConnectionString", Parent.JdbcFor(DatabaseName)),
            ]);
}
