using Microsoft.Extensions.Configuration;

namespace ChatRoom.AppHost;

public static class ParameterExtensions
{
    /// <summary>A secret generated on first use and kept in the AppHost's user secrets (letters and digits only).</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, int minLength) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);

    /// <summary>
    /// A parameter with neither a value nor a generated default stops the run at once, naming the parameter,
    /// instead of leaving everything that depends on it waiting. An empty value counts as missing.
    /// </summary>
    public static IDistributedApplicationBuilder FailFastOnMissingParameters(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
            return builder; // azd asks for the values when it deploys
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var missing = @event.Model.Resources.OfType<ParameterResource>()
                .Where(p => !p.IsConnectionString && p.Default is null
                            && string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{p.Name}"]))
                .Select(p => p.Name)
                .ToList();
            if (missing.Count > 0)
            {
                throw new DistributedApplicationException(
                    $"Missing value for parameter {string.Join(", ", missing.Select(n => $"'{n}'"))}. Set it with " +
                    $"`dotnet user-secrets set Parameters:{missing[0]} <value> --project src/ChatRoom.AppHost`, or the " +
                    $"environment variable Parameters__{missing[0]}.");
            }
            return Task.CompletedTask;
        });
        return builder;
    }
}
