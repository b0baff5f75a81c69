using System.Reflection;
using System.Runtime.CompilerServices;
using Scalar.AspNetCore;

namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// The OpenAPI document: the REST endpoints, and the hub's wire contracts and the problem shape as component schemas,
/// so that one document describes everything a client exchanges. Every build writes it to <c>ChatRoom.Api.json</c>
/// beside the project (checked in); the SPA's TypeScript types are generated from that file.
/// </summary>
public static class ApiDocumentation
{
    public static IHostApplicationBuilder AddApiDocumentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<NumbersAsWritten>();
            options.AddSchemaTransformer<RequiredRequestFields>();
            options.AddDocumentTransformer<WireContracts>();
        });
        if (IsBuildTimeDocument)
        {
            // The build runs Program with a server that never listens, but it does start the hosted services, which
            // would reach for Redis and PostgreSQL. None of them shapes the document; only the framework's own stay.
            var ours = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
                && d.ImplementationType?.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) != true).ToList();
            ours.ForEach(d => builder.Services.Remove(d));
        }
        return builder;
    }

    /// <summary>
    /// The OpenAPI document is public in every environment (it describes nothing secret); the browsable
    /// reference UI only in Development, at <c>/scalar</c>.
    /// </summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference();
        return app;
    }

    /// <summary>
    /// The build writes the document by running Program inside the GetDocument.Insider tool (see the project file).
    /// Aspire's client integrations refuse to register without their connection strings, and the options validated
    /// at registration without theirs, so inside that tool alone, before Program reads its configuration, the ones
    /// the environment lacks get placeholders. Nothing connects with them: the hosted services are left out.
    /// </summary>
    [ModuleInitializer]
    internal static void PlaceholderSettingsForBuildTimeDocument()
    {
        if (!IsBuildTimeDocument)
            return;
        foreach (var (name, value) in BuildTimeSettings)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
                Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static bool IsBuildTimeDocument => Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    private static readonly (string Name, string Value)[] BuildTimeSettings =
    [
        ("ConnectionStrings__chatdb", "Host=localhost;Database=openapi-document"),
        ("ConnectionStrings__redis", "localhost"),
        ("Jwt__SigningKey", "openapi-document-placeholder-key-never-used-to-sign-0123456789"),
        ("PhoneProtection__Keys__1", "openapi-document-placeholder-key-never-used-to-encrypt"),
        ("PhoneProtection__CurrentKeyId", "1"),
        ("PhoneProtection__HashKey", "openapi-document-placeholder-key-never-used-to-hash-0"),
    ];
}
