using System.Text.Json;
using ChatRoom.Contracts;
using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        room.Property(r => r.DirectPair).HasMaxLength(80);
        room.HasIndex(r => r.DirectPair).IsUnique().HasFilter("direct_pair IS NOT NULL");
        room.HasMany(r => r.Members).WithOne(m => m.Room).HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        room.ToTable(t =>
        {
            t.HasCheckConstraint("ck_rooms_slow_mode", "slow_mode_seconds >= 0");
            t.HasCheckConstraint("ck_rooms_kind_lounge", "(kind = 'Lounge') = (lounge_id IS NOT NULL)");
        });
    }
}

internal sealed class RoomMemberConfiguration : IEntityTypeConfiguration<RoomMember>
{
    public void Configure(EntityTypeBuilder<RoomMember> member)
    {
        member.HasKey(m => new { m.RoomId, m.UserId });
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        // "My conversations".
        member.HasIndex(m => new { m.UserId, m.LeftAt });
    }
}

internal sealed class UserBlockConfiguration : IEntityTypeConfiguration<UserBlock>
{
    public void Configure(EntityTypeBuilder<UserBlock> block)
    {
        block.HasKey(b => new { b.BlockerId, b.BlockedId });
        block.HasOne<User>().WithMany().HasForeignKey(b => b.BlockerId).OnDelete(DeleteBehavior.Cascade);
        block.HasOne(b => b.Blocked).WithMany().HasForeignKey(b => b.BlockedId).OnDelete(DeleteBehavior.Cascade);
        // "Has the other person blocked the sender?"
        block.HasIndex(b => b.BlockedId).HasFilter("lifted_at IS NULL");
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
        message.HasOne(m => m.ReplyTo).WithMany().HasForeignKey(m => m.ReplyToId).OnDelete(DeleteBehavior.Restrict);
        // A thread (the replies to one message, in order) and its count.
        message.HasIndex(m => new { m.ReplyToId, m.Seq }).HasFilter("reply_to_id IS NOT NULL");

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
        message.Property(m => m.Reactions).AsJson();
        message.Property(m => m.Attachments).AsJson();
    }
}

internal sealed class ReadMarkerConfiguration : IEntityTypeConfiguration<ReadMarker>
{
    public void Configure(EntityTypeBuilder<ReadMarker> marker)
    {
        marker.HasKey(m => new { m.UserId, m.RoomId });
        marker.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        marker.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        marker.ToTable(t => t.HasCheckConstraint("ck_read_markers_seq", "last_read_seq >= 0"));
    }
}

internal sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> reaction)
    {
        reaction.HasKey(r => new { r.MessageId, r.UserId, r.Emoji });
        reaction.Property(r => r.Emoji).HasMaxLength(Reaction.MaxEmojiLength);
        reaction.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        reaction.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
