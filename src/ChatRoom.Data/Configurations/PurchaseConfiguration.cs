using ChatRoom.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatRoom.Data.Configurations;

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> purchase)
    {
        purchase.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        purchase.Property(p => p.Provider).HasMaxLength(16);
        purchase.Property(p => p.CheckoutSessionId).HasMaxLength(Purchase.MaxProviderIdLength);
        purchase.Property(p => p.CheckoutUrl).HasMaxLength(Purchase.MaxCheckoutUrlLength);
        purchase.Property(p => p.PaymentIntentId).HasMaxLength(Purchase.MaxProviderIdLength);
        purchase.Property(p => p.RefundReason).HasMaxLength(Purchase.MaxReasonLength);
        purchase.HasOne(p => p.Listing).WithMany().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Restrict);
        purchase.HasOne(p => p.Buyer).WithMany().HasForeignKey(p => p.BuyerId).OnDelete(DeleteBehavior.Restrict);
        purchase.HasOne(p => p.Seller).WithMany().HasForeignKey(p => p.SellerId).OnDelete(DeleteBehavior.Restrict);
        purchase.ToTable(t =>
        {
            t.HasCheckConstraint("ck_purchases_amounts", "amount_minor > 0 AND fee_minor >= 0 AND fee_minor <= amount_minor");
            t.HasCheckConstraint("ck_purchases_refunded", "refunded_minor >= 0 AND refunded_minor <= amount_minor");
        });
        // However buyers race, a listing is held for one buyer at a time.
        purchase.HasIndex(p => p.ListingId).IsUnique().HasFilter("status = 'Pending'")
            .HasDatabaseName("ix_purchases_listing_held");
        // The webhook finds a purchase by its checkout session or its payment.
        purchase.HasIndex(p => p.CheckoutSessionId).IsUnique();
        purchase.HasIndex(p => p.PaymentIntentId).IsUnique();
        // A buyer's and a seller's lists, the admins' list, and the reservations to expire.
        purchase.HasIndex(p => new { p.BuyerId, p.CreatedAt });
        purchase.HasIndex(p => new { p.SellerId, p.CreatedAt });
        purchase.HasIndex(p => new { p.CreatedAt, p.Id });
        purchase.HasIndex(p => p.ExpiresAt).HasFilter("status = 'Pending'");
    }
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> paymentEvent)
    {
        paymentEvent.Property(e => e.Id).HasMaxLength(Purchase.MaxProviderIdLength);
        paymentEvent.Property(e => e.Type).HasMaxLength(PaymentEvent.MaxTypeLength);
        paymentEvent.Property(e => e.Outcome).HasMaxLength(PaymentEvent.MaxOutcomeLength);
        paymentEvent.HasOne<Purchase>().WithMany().HasForeignKey(e => e.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        paymentEvent.HasIndex(e => e.PurchaseId);
        paymentEvent.HasIndex(e => e.ReceivedAt);
    }
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> transaction)
    {
        transaction.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
        transaction.Property(t => t.Memo).HasMaxLength(LedgerTransaction.MaxMemoLength);
        transaction.Property(t => t.PaymentEventId).HasMaxLength(Purchase.MaxProviderIdLength);
        transaction.HasOne<Purchase>().WithMany().HasForeignKey(t => t.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        transaction.HasOne<PaymentEvent>().WithMany().HasForeignKey(t => t.PaymentEventId).OnDelete(DeleteBehavior.Restrict);
        transaction.HasOne<User>().WithMany().HasForeignKey(t => t.ActorId).OnDelete(DeleteBehavior.Restrict);
        transaction.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Restrict);
        // One payment per purchase; one booking per provider event.
        transaction.HasIndex(t => t.PurchaseId).IsUnique().HasFilter("kind = 'Payment'").HasDatabaseName("ix_ledger_transactions_one_payment");
        transaction.HasIndex(t => new { t.PurchaseId, t.Kind });
        transaction.HasIndex(t => t.PaymentEventId).IsUnique();
        transaction.HasIndex(t => new { t.CreatedAt, t.Id });
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.Property(e => e.Account).HasMaxLength(LedgerEntry.MaxAccountLength);
        entry.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
        entry.HasOne<User>().WithMany().HasForeignKey(e => e.SellerId).OnDelete(DeleteBehavior.Restrict);
        entry.ToTable(t =>
        {
            t.HasCheckConstraint("ck_ledger_entries_amount", "amount_minor <> 0");
            t.HasCheckConstraint("ck_ledger_entries_account",
                "(account = 'seller_payable') = (seller_id IS NOT NULL) AND account IN ('provider_clearing', 'platform_fees', 'seller_payable')");
        });
        // Balances by account (a seller's payable, the platform's fees).
        entry.HasIndex(e => new { e.Account, e.SellerId });
    }
}
