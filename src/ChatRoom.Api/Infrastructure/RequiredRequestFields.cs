using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// Request bodies as the Api reads them. Their records are all-nullable so that a missing field is answered with a
/// validation error naming it, and the generated schema would call every constructor parameter required yet
/// nullable. On the wire a body's field may be left out unless it carries <see cref="MustHaveAttribute"/>; such a field
/// must be there and must not be null. Answers keep their schemas: everything a record writes is there.
/// </summary>
public sealed class RequiredRequestFields : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.ParameterDescription?.Source != BindingSource.Body || context.JsonPropertyInfo is not null
            || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object)
            return Task.CompletedTask;

        var required = context.JsonTypeInfo.Properties.Where(MustHave).Select(p => p.Name).ToList();
        schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
        foreach (var name in required)
        {
            if (schema.Properties?.TryGetValue(name, out var property) == true && property is OpenApiSchema { Type: { } type } field)
                field.Type = type & ~JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }

    // On a positional record the attribute sits on the constructor parameter, not on the property made from it.
    private static bool MustHave(JsonPropertyInfo property) =>
        Carries(property.AttributeProvider) || Carries(property.AssociatedParameter?.AttributeProvider);

    private static bool Carries(ICustomAttributeProvider? provider) =>
        provider?.IsDefined(typeof(MustHaveAttribute), inherit: false) == true;
}
