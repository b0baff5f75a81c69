using ChatRoom.Chat.Verification;
using ChatRoom.Worker.Attachments;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Verification;

public static class VerificationRegistration
{
    /// <summary>
    /// Identity documents: reading them with OCR, and deleting them when their time is up; and the files of messages
    /// no one may fetch any more (the same blob storage).
    /// </summary>
    public static IHostApplicationBuilder AddVerification(this IHostApplicationBuilder builder)
    {
        builder.AddDocumentStorage();
        builder.Services.AddSingleton<DocumentReader>();
        builder.AddJob<DocumentReadingJob, DocumentReadingOptions>(DocumentReadingOptions.SectionName);
        builder.AddJob<DocumentRetentionJob, DocumentRetentionOptions>(DocumentRetentionOptions.SectionName);
        builder.AddJob<AttachmentCleanupJob, AttachmentCleanupOptions>(AttachmentCleanupOptions.SectionName);
        return builder;
    }
}
