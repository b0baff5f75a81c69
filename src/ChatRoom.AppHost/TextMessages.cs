using Microsoft.Extensions.Configuration;

namespace ChatRoom.AppHost;

public static class TextMessageExtensions
{
    /// <summary>
    /// Where phone verification codes go. A deployment sends them through Twilio, with its account, token and sender
    /// as parameters (azd asks for them); so does a run on a laptop that has them set. Otherwise, in run mode, the
    /// development sender writes them to the Api's log, where the dashboard shows them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTextMessages(this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode && string.IsNullOrWhiteSpace(builder.Configuration["Parameters:twilio-account-sid"]))
            return api.WithEnvironment("Sms__Provider", "Development");
        return api
            .WithEnvironment("Sms__Provider", "Twilio")
            .WithEnvironment("Sms__Twilio__AccountSid", builder.AddParameter("twilio-account-sid"))
            .WithEnvironment("Sms__Twilio__AuthToken", builder.AddParameter("twilio-auth-token", secret: true))
            .WithEnvironment("Sms__Twilio__From", builder.AddParameter("twilio-from"));
    }
}
