using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.Property(a => a.FileName).HasMaxLength(Attachment.MaxFileNameLength);
        attachment.Property(a => a.ContentType).HasMaxLength(Attachment.MaxContentTypeLength);
        attachment.Property(a => a.BlobName).HasMaxLength(Attachment.MaxBlobNameLength);
        attachment.Property(a => a.ClientMessageId).HasMaxLength(Message.MaxClientMessageIdLength);
        attachment.HasOne<User>().WithMany().HasForeignKey(a => a.UploaderId).OnDelete(DeleteBehavior.Cascade);
        attachment.HasOne<Room>().WithMany().HasForeignKey(a => a.RoomId).OnDelete(DeleteBehavior.Cascade);
        // The upload limit (a user's recent uploads) and the Worker's sweep of files never sent.
        attachment.HasIndex(a => new { a.UploaderId, a.CreatedAt });
        attachment.HasIndex(a => a.CreatedAt).HasFilter("client_message_id IS NULL AND file_deleted_at IS NULL")
            .HasDatabaseName("ix_attachments_unsent");
        // ... and of files whose message was deleted or rejected.
        attachment.HasIndex(a => a.MessageRemovedAt).HasFilter("message_removed_at IS NOT NULL AND file_deleted_at IS NULL")
            .HasDatabaseName("ix_attachments_removed");
    }
}
