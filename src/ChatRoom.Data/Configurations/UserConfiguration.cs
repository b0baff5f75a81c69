using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const int MaxUserNameLength = 32;

    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.UserName).HasMaxLength(MaxUserNameLength);
        user.Property(u => u.NormalizedUserName).HasMaxLength(MaxUserNameLength);
        user.Property(u => u.DisplayName).HasMaxLength(64);
        user.Property(u => u.AvatarUrl).HasMaxLength(2048);
        user.Property(u => u.PasswordHash).HasMaxLength(256);

        // A deleted user's name stays taken: audit entries and old messages still point at it.
        user.HasIndex(u => u.NormalizedUserName).IsUnique();
        // The active-user listing and the guest expiry job.
        user.HasIndex(u => new { u.DeletedAt, u.NormalizedUserName });
        user.HasIndex(u => u.ExpiresAt).HasFilter("expires_at IS NOT NULL AND deleted_at IS NULL");
        // One account per verified number.
        user.Property(u => u.PhoneLastDigits).HasMaxLength(PhoneChallenge.MaxLastDigitsLength);
        user.HasIndex(u => u.PhoneHash).IsUnique().HasFilter("phone_hash IS NOT NULL");
    }
}

internal sealed class PhoneChallengeConfiguration : IEntityTypeConfiguration<PhoneChallenge>
{
    public void Configure(EntityTypeBuilder<PhoneChallenge> challenge)
    {
        challenge.Property(c => c.PhoneLastDigits).HasMaxLength(PhoneChallenge.MaxLastDigitsLength);
        challenge.Property(c => c.IpAddress).HasMaxLength(PhoneChallenge.MaxIpAddressLength);
        challenge.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        // The user's open challenge and cooldown; the limits per number and per address within the last hour.
        challenge.HasIndex(c => new { c.UserId, c.CreatedAt });
        challenge.HasIndex(c => new { c.PhoneHash, c.CreatedAt });
        challenge.HasIndex(c => new { c.IpAddress, c.CreatedAt });
    }
}

internal sealed class SessionFamilyConfiguration : IEntityTypeConfiguration<SessionFamily>
{
    public void Configure(EntityTypeBuilder<SessionFamily> family)
    {
        family.Property(f => f.RevokedReason).HasMaxLength(64);
        family.Property(f => f.UserAgent).HasMaxLength(512);
        family.Property(f => f.IpAddress).HasMaxLength(64);
        family.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        family.HasMany(f => f.Tokens).WithOne(t => t.Family).HasForeignKey(t => t.FamilyId).OnDelete(DeleteBehavior.Cascade);
        // "Revoke every session of this user" and the cleanup job's sweep.
        family.HasIndex(f => new { f.UserId, f.RevokedAt });
        family.HasIndex(f => f.ExpiresAt);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> token)
    {
        token.Property(t => t.TokenHash).HasMaxLength(32);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.ExpiresAt);
    }
}
