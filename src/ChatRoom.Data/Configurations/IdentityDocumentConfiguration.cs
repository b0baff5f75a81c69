using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class IdentityDocumentConfiguration : IEntityTypeConfiguration<IdentityDocument>
{
    public void Configure(EntityTypeBuilder<IdentityDocument> document)
    {
        document.Property(d => d.BlobName).HasMaxLength(IdentityDocument.MaxBlobNameLength);
        document.Property(d => d.ContentType).HasMaxLength(IdentityDocument.MaxContentTypeLength);
        document.Property(d => d.ReadNote).HasMaxLength(IdentityDocument.MaxNoteLength);
        document.Property(d => d.Reason).HasMaxLength(IdentityDocument.MaxNoteLength);
        document.Property(d => d.HintName).HasMaxLength(IdentityDocument.MaxHintLength);
        document.Property(d => d.HintDocumentNumber).HasMaxLength(IdentityDocument.MaxHintLength);
        document.HasOne(d => d.User).WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        document.HasOne(d => d.Reviewer).WithMany().HasForeignKey(d => d.ReviewerId).OnDelete(DeleteBehavior.SetNull);
        // The user's latest document (their status, the one pending at a time).
        document.HasIndex(d => new { d.UserId, d.SubmittedAt });
        // The moderators' queue, oldest first, and the reader's work.
        document.HasIndex(d => new { d.SubmittedAt, d.Id }).HasFilter("status = 'Pending'");
        // One pending document per user, however two uploads race.
        document.HasIndex(d => d.UserId).IsUnique().HasFilter("status = 'Pending'").HasDatabaseName("ix_identity_documents_one_pending");
        // The retention job: files not deleted yet.
        document.HasIndex(d => d.ReviewedAt).HasFilter("document_deleted_at IS NULL");
    }
}
