using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Data;

public sealed class ChatDbContext(DbContextOptions<ChatDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<PhoneChallenge> PhoneChallenges => Set<PhoneChallenge>();
    public DbSet<IdentityDocument> IdentityDocuments => Set<IdentityDocument>();
    public DbSet<SessionFamily> SessionFamilies => Set<SessionFamily>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<Lounge> Lounges => Set<Lounge>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<RoomMember> RoomMembers => Set<RoomMember>();
    public DbSet<UserBlock> UserBlocks => Set<UserBlock>();
    public DbSet<ReadMarker> ReadMarkers => Set<ReadMarker>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<ListingPhoto> ListingPhotos => Set<ListingPhoto>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<LedgerTransaction> LedgerTransactions => Set<LedgerTransaction>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<RoomMute> RoomMutes => Set<RoomMute>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserReport> UserReports => Set<UserReport>();
    public DbSet<ModerationAction> ModerationActions => Set<ModerationAction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChatDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enum names, not numbers, in the database: readable in psql and safe to reorder in code.
        configurationBuilder.Properties<UserRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ModerationMode>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReportStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ModerationActionKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IdentityReviewStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ListingStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PurchaseStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LedgerKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RoomKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NotificationKind>().HaveConversion<string>().HaveMaxLength(16);
    }
}
