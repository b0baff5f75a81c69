using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength);
        notification.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        notification.HasOne(n => n.Message).WithMany().HasForeignKey(n => n.MessageId).OnDelete(DeleteBehavior.Cascade);
        // The user's list, newest first, and the unread count.
        notification.HasIndex(n => new { n.UserId, n.CreatedAt, n.Id });
        notification.HasIndex(n => n.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
        // One mention (or direct message) notification per person and message, however often a send is retried.
        notification.HasIndex(n => new { n.UserId, n.MessageId, n.Kind }).IsUnique().HasFilter("message_id IS NOT NULL");
    }
}

internal sealed class RoomMuteConfiguration : IEntityTypeConfiguration<RoomMute>
{
    public void Configure(EntityTypeBuilder<RoomMute> mute)
    {
        mute.HasKey(m => new { m.UserId, m.RoomId });
        mute.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        mute.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
