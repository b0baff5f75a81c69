using Microsoft.Extensions.Configuration;

namespace ChatRoom.AppHost;

public static class PaymentExtensions
{
    /// <summary>
    /// How the marketplace takes money, the same for the Api (checkouts, the webhook, refunds) and the Worker (ending
    /// checkouts never paid). A deployment uses Stripe, with its secret key, webhook secret and the site's public address
    /// as parameters (azd asks for them); so does a run on a laptop that has them set. Otherwise, in run mode, the
    /// development provider's checkout page stands in for Stripe's and takes no money.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPayments(this IResourceBuilder<ProjectResource> project, IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode && string.IsNullOrWhiteSpace(builder.Configuration["Parameters:stripe-secret-key"]))
            return project.WithEnvironment("Payments__Provider", "Development");
        return project
            .WithEnvironment("Payments__Provider", "Stripe")
            .WithEnvironment("Payments__Stripe__SecretKey", Parameter(builder, "stripe-secret-key", secret: true))
            .WithEnvironment("Payments__Stripe__WebhookSecret", Parameter(builder, "stripe-webhook-secret", secret: true))
            .WithEnvironment("Payments__PublicUrl", Parameter(builder, "public-url", secret: false));
    }

    // The Api and the Worker take the same parameters: made once, found the second time.
    private static IResourceBuilder<ParameterResource> Parameter(IDistributedApplicationBuilder builder, string name, bool secret) =>
        builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter(name, secret: secret);
}
