namespace ChatRoom.Data.Entities;

/// <summary>
/// Where a purchase is: waiting for the buyer's payment (the listing reserved), paid (the listing sold), given up
/// (expired unpaid, or the payment provider could not start it), or refunded (after an admin asked the provider).
/// </summary>
public enum PurchaseStatus
{
    Pending,
    Paid,
    Expired,
    Failed,
    RefundPending,
    Refunded,
}

/// <summary>
/// One buyer's attempt to buy one listing through the payment provider's checkout. Its id is the idempotency key of
/// every call to the provider for it, so a retried call never makes a second checkout or refund.
/// </summary>
public sealed class Purchase
{
    public const int MaxProviderIdLength = 255;
    public const int MaxCheckoutUrlLength = 2048;
    public const int MaxReasonLength = 500;

    public Guid Id { get; set; }
    public Guid ListingId { get; set; }
    public Listing? Listing { get; set; }
    public Guid BuyerId { get; set; }
    public User? Buyer { get; set; }
    public Guid SellerId { get; set; }
    public User? Seller { get; set; }

    /// <summary>What the buyer pays, in minor units of <see cref="Currency"/>: the listing's price when the purchase began.</summary>
    public long AmountMinor { get; set; }

    /// <summary>The platform's fee out of <see cref="AmountMinor"/>; the rest is owed to the seller.</summary>
    public long FeeMinor { get; set; }

    public required string Currency { get; set; }
    public PurchaseStatus Status { get; set; } = PurchaseStatus.Pending;

    /// <summary><c>Stripe</c> or <c>Development</c>: who holds the money.</summary>
    public required string Provider { get; set; }

    /// <summary>The provider's checkout session (Stripe: <c>cs_...</c>), once it made one.</summary>
    public string? CheckoutSessionId { get; set; }

    /// <summary>Where the buyer pays.</summary>
    public string? CheckoutUrl { get; set; }

    /// <summary>The provider's payment (Stripe: the PaymentIntent <c>pi_...</c>), once paid: refunds and their events name it.</summary>
    public string? PaymentIntentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the reservation ends unless paid; the provider's checkout expires at the same moment.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? RefundRequestedAt { get; set; }
    public Guid? RefundRequestedBy { get; set; }
    public string? RefundReason { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }

    /// <summary>How much the provider has reported refunded so far (its events carry the running total).</summary>
    public long RefundedMinor { get; set; }
}

/// <summary>
/// An event the payment provider sent to the webhook, recorded in the same transaction as what it changed: its id is
/// the key, so an event delivered twice is processed once.
/// </summary>
public sealed class PaymentEvent
{
    public const int MaxTypeLength = 64;
    public const int MaxOutcomeLength = 32;

    public required string Id { get; set; }
    public required string Type { get; set; }
    public Guid? PurchaseId { get; set; }

    /// <summary>The amount the event reports (paid in all, or refunded in all), for reconciliation with the ledger.</summary>
    public long? AmountMinor { get; set; }

    /// <summary>What processing it did: <c>applied</c>, <c>ignored</c> (nothing to change), or <c>unmatched</c> (no such purchase).</summary>
    public required string Outcome { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
