using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class LoungeConfiguration : IEntityTypeConfiguration<Lounge>
{
    public void Configure(EntityTypeBuilder<Lounge> lounge)
    {
        lounge.Property(l => l.Slug).HasMaxLength(64);
        lounge.Property(l => l.Name).HasMaxLength(100);
        lounge.Property(l => l.Description).HasMaxLength(500);
        lounge.HasIndex(l => l.Slug).IsUnique();
        lounge.HasMany(l => l.Rooms).WithOne(r => r.Lounge).HasForeignKey(r => r.LoungeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> room)
    {
        room.Property(r => r.Slug).HasMaxLength(64);
        room.Property(r => r.Name).HasMaxLength(100);
        room.Property(r => r.LanguageCode).HasMaxLength(35);
        room.Property(r => r.Topic).HasMaxLength(500);
        room.HasIndex(r => new { r.LoungeId, r.Slug }).IsUnique();
        room.ToTable(t => t.HasCheckConstraint("ck_rooms_slow_mode", "slow_mode_seconds >= 0"));
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.Property(m => m.Content).HasMaxLength(Message.MaxContentLength);
        message.Property(m => m.ClientMessageId).HasMaxLength(Message.MaxClientMessageIdLength);
        message.HasOne(m => m.Room).WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);

        // History pages by seq; the unique index also makes a duplicate seq impossible.
        message.HasIndex(m => new { m.RoomId, m.Seq }).IsUnique();
        // Catch-up: everything in a room changed after a given change sequence.
        message.HasIndex(m => new { m.RoomId, m.ChangeSeq });
        // Idempotent send: one message per (author, client message id).
        message.HasIndex(m => new { m.AuthorId, m.ClientMessageId }).IsUnique();
        // The flood and repeat rules: an author's recent messages in one room, however long the room's history.
        message.HasIndex(m => new { m.AuthorId, m.RoomId, m.CreatedAt });
        // The moderators' queue of pre-moderated messages.
        message.HasIndex(m => new { m.RoomId, m.CreatedAt }).HasFilter("status = 'Pending'");
        // The moderation sweep: messages the queue has not judged yet.
        message.HasIndex(m => m.CreatedAt).HasDatabaseName("ix_messages_unmoderated").HasFilter("moderated_at IS NULL");
        message.Property(m => m.ModerationNote).HasMaxLength(Message.MaxModerationNoteLength);
    }
}
