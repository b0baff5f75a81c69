using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatRoom.Realtime;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// Adds what no endpoint declares to the document's component schemas: every record the hub sends or answers
/// (read from <see cref="IChatClient"/> and <see cref="ChatHub"/>, so a new event or hub method shows up by itself),
/// <see cref="HubError"/>, the problem details every error answer carries, and <c>ErrorCode</c>: every constant of
/// <see cref="ErrorCodes"/>, so clients switch over the codes that exist. Schemas come from the same JSON schema
/// generation as the endpoints' own.
/// </summary>
public sealed class WireContracts : IOpenApiDocumentTransformer
{
    public const string ErrorCodeSchema = "ErrorCode";
    public const string ProblemSchema = "ProblemDetails";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent(ErrorCodeSchema, ErrorCode());
        var errorCode = new OpenApiSchemaReference(ErrorCodeSchema, document);

        foreach (var type in HubContractTypes())
        {
            // Records an endpoint also answers with (MessageDto, UserSummary) are there already.
            if (document.Components?.Schemas?.ContainsKey(type.Name) == true)
                continue;
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            if (schema is not OpenApiSchema record)
                continue;
            ReferToComponents(record, type, document);
            if (type == typeof(HubError) && record.Properties is { } properties)
                properties["code"] = errorCode;
            document.AddComponent(type.Name, record);
        }

        if (document.Components?.Schemas?.ContainsKey(nameof(JsonElement)) == true)
            document.Components.Schemas[nameof(JsonElement)] = AnyJson();

        var problem = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, cancellationToken);
        if (problem is OpenApiSchema editable)
        {
            editable.Properties ??= new Dictionary<string, IOpenApiSchema>();
            editable.Properties["code"] = errorCode;
            editable.Properties["retryAfter"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Description = "Seconds to wait before trying again (rate limits, slow mode, timed restrictions).",
            };
        }
        document.AddComponent(ProblemSchema, problem);
    }

    /// <summary>The event records of <see cref="IChatClient"/>, the results of the hub's methods, and its error.</summary>
    public static IReadOnlyList<Type> HubContractTypes()
    {
        var events = typeof(IChatClient).GetMethods().SelectMany(m => m.GetParameters()).Select(p => p.ParameterType);
        var results = typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.ReturnType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>))
            .Select(t => t.GetGenericArguments()[0]);
        // Parts before the records that hold them, so that a holder refers to its parts' schemas instead of inlining them.
        return [.. events.Concat(results).Append(typeof(HubError)).Distinct()
            .OrderBy(Depth).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static int Depth(Type type) => 1 + type.GetProperties()
        .Select(p => p.PropertyType.IsGenericType ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType)
        .Where(t => t.Namespace == typeof(HubError).Namespace)
        .Select(Depth).DefaultIfEmpty(0).Max();

    /// <summary>
    /// A schema made here spells out every record it holds; where such a record has a schema of its own, refer to it
    /// instead, so that clients see one <c>UserSummary</c>, not a copy per holder.
    /// </summary>
    private static void ReferToComponents(OpenApiSchema schema, Type type, OpenApiDocument document)
    {
        foreach (var property in type.GetProperties())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (schema.Properties?.TryGetValue(name, out var inline) != true || inline is not OpenApiSchema propertySchema)
                continue;
            var isList = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);
            var held = isList ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
            if (held.Namespace != typeof(HubError).Namespace || document.Components?.Schemas?.ContainsKey(held.Name) != true)
                continue;
            var reference = new OpenApiSchemaReference(held.Name, document);
            if (isList)
                propertySchema.Items = reference;
            else
                schema.Properties[name] = reference;
        }
    }

    /// <summary>Every code in <see cref="ErrorCodes"/>, sorted so the document does not change with reflection order.</summary>
    public static IReadOnlyList<string> AllErrorCodes() =>
    [
        .. typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// Stored JSON (the audit log's before and after) is any JSON value. An empty schema would say "unknown", and a
    /// recursive one is more than TypeScript's generated aliases can follow, so one level of structure it is.
    /// </summary>
    private static OpenApiSchema AnyJson() => new()
    {
        Description = "Any JSON value.",
        OneOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema() },
            new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema() },
            new OpenApiSchema { Type = JsonSchemaType.String },
            new OpenApiSchema { Type = JsonSchemaType.Number },
            new OpenApiSchema { Type = JsonSchemaType.Boolean },
            new OpenApiSchema { Type = JsonSchemaType.Null },
        ],
    };

    private static OpenApiSchema ErrorCode() => new()
    {
        Type = JsonSchemaType.String,
        Description = "The stable code of an error answer or hub error; clients act on it, never on the detail's wording.",
        Enum = [.. AllErrorCodes().Select(code => (JsonNode)JsonValue.Create(code))],
    };
}

/// <summary>
/// Numbers as the Api writes them. The web JSON defaults also <em>read</em> numbers from strings, which the generated
/// schemas spell as "integer or string, with a digits pattern"; answers always carry plain numbers, and the SPA's
/// types must say so.
/// </summary>
public sealed class NumbersAsWritten : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }
}
