using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.ToTable("audit_log");
        audit.Property(a => a.Action).HasMaxLength(64);
        audit.Property(a => a.EntityType).HasMaxLength(64);
        audit.Property(a => a.EntityId).HasMaxLength(64);
        audit.Property(a => a.IpAddress).HasMaxLength(64);

        // Newest first with a (created_at, id) cursor, unfiltered and by each filter the admin page offers.
        audit.HasIndex(a => new { a.CreatedAt, a.Id }).IsDescending();
        audit.HasIndex(a => new { a.Action, a.CreatedAt }).IsDescending(false, true);
        audit.HasIndex(a => new { a.ActorId, a.CreatedAt }).IsDescending(false, true);
        audit.HasIndex(a => new { a.EntityType, a.EntityId, a.CreatedAt }).IsDescending(false, false, true);
    }
}

internal sealed class UserReportConfiguration : IEntityTypeConfiguration<UserReport>
{
    public void Configure(EntityTypeBuilder<UserReport> report)
    {
        report.Property(r => r.Reason).HasMaxLength(1000);
        report.Property(r => r.ResolutionNote).HasMaxLength(1000);
        report.HasOne<User>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<User>().WithMany().HasForeignKey(r => r.TargetUserId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<Message>().WithMany().HasForeignKey(r => r.TargetMessageId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<Listing>().WithMany().HasForeignKey(r => r.TargetListingId).OnDelete(DeleteBehavior.Restrict);
        report.ToTable(t => t.HasCheckConstraint(
            "ck_user_reports_target", "target_user_id IS NOT NULL OR target_message_id IS NOT NULL"));

        // One open report per reporter and target; NULLS NOT DISTINCT so a missing target side still collides.
        report.HasIndex(r => new { r.ReporterId, r.TargetUserId, r.TargetMessageId, r.TargetListingId })
            .IsUnique()
            .AreNullsDistinct(false)
            .HasFilter("status = 'Open'");
        // The moderators' queue.
        report.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}

internal sealed class ModerationActionConfiguration : IEntityTypeConfiguration<ModerationAction>
{
    public void Configure(EntityTypeBuilder<ModerationAction> action)
    {
        action.Property(a => a.Reason).HasMaxLength(1000);
        action.HasOne<User>().WithMany().HasForeignKey(a => a.TargetUserId).OnDelete(DeleteBehavior.Restrict);
        // "Is this user muted or banned right now?" and the expiry job: open actions by target.
        action.HasIndex(a => new { a.TargetUserId, a.Kind, a.ExpiresAt }).HasFilter("lifted_at IS NULL");
        action.HasIndex(a => a.ExpiresAt).HasFilter("lifted_at IS NULL AND expires_at IS NOT NULL");
    }
}
