using System.Diagnostics.Metrics;
using ChatRoom.Worker.Jobs;

namespace ChatRoom.Worker.Marketplace;

public sealed class ReconciliationOptions : JobOptions
{
    public const string SectionName = "Jobs:Reconciliation";

    public ReconciliationOptions() => Interval = TimeSpan.FromDays(1);
}

/// <summary>One way the ledger disagrees with itself, with the purchases, or with the provider's events; and an example.</summary>
public sealed record Discrepancy(string Kind, int Count, string Example);

/// <summary>
/// Checks the books: every ledger transaction balances, every currency's entries add up to zero, each purchase's
/// state has exactly the money movements it should, and every payment or refund the provider reported is booked
/// (and nothing is booked that it did not report). Reports what disagrees as <c>chatroom.marketplace.reconciliation.discrepancies</c>
/// and as an error in the log. It only reads, so Workers need no coordination.
/// </summary>
public sealed class LedgerReconciliation
{
    public const string MeterName = "ChatRoom.Worker.Marketplace";

    private readonly ChatDbContext _db;
    private readonly ILogger<LedgerReconciliation> _logger;
    private readonly Gauge<long> _discrepancies;

    public LedgerReconciliation(ChatDbContext db, IMeterFactory meters, ILogger<LedgerReconciliation> logger)
    {
        _db = db;
        _logger = logger;
        _discrepancies = meters.Create(MeterName).CreateGauge<long>("chatroom.marketplace.reconciliation.discrepancies",
            description: "Disagreements the last reconciliation found between the ledger, the purchases and the payment provider's events.");
    }

    // Each check: a name, and SQL answering one text row per disagreement. Plain SQL: these are set questions over
    // whole tables, clearer here than in LINQ.
    private static readonly (string Kind, string Sql)[] Checks =
    [
        ("unbalanced_transaction", """
            SELECT t.id::text FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
            GROUP BY t.id HAVING coalesce(sum(e.amount_minor), 0) <> 0 OR count(e.id) < 2
            """),
        ("currency_out_of_balance", """
            SELECT currency || ' ' || sum(amount_minor) FROM ledger_entries GROUP BY currency HAVING sum(amount_minor) <> 0
            """),
        ("paid_purchase_without_payment", """
            SELECT p.id::text FROM purchases p
            WHERE p.status IN ('Paid', 'RefundPending', 'Refunded')
              AND (SELECT count(*) FROM ledger_transactions t WHERE t.purchase_id = p.id AND t.kind = 'Payment') <> 1
            """),
        ("unpaid_purchase_with_money", """
            SELECT p.id::text FROM purchases p
            WHERE p.status IN ('Pending', 'Expired', 'Failed') AND EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.purchase_id = p.id)
            """),
        ("payment_amount_differs", """
            SELECT p.id::text FROM purchases p JOIN ledger_transactions t ON t.purchase_id = p.id AND t.kind = 'Payment'
            JOIN ledger_entries e ON e.transaction_id = t.id AND e.account = 'provider_clearing'
            WHERE e.amount_minor <> p.amount_minor
            """),
        ("refunds_differ", """
            SELECT p.id::text FROM purchases p
            WHERE p.refunded_minor <> coalesce((SELECT -sum(e.amount_minor) FROM ledger_transactions t
                JOIN ledger_entries e ON e.transaction_id = t.id AND e.account = 'provider_clearing'
                WHERE t.purchase_id = p.id AND t.kind = 'Refund'), 0)
            """),
        ("provider_event_not_booked", """
            SELECT e.id || ' (' || e.type || ', ' || e.outcome || ')' FROM payment_events e
            WHERE (e.outcome IN ('unmatched', 'mismatch') AND e.type IN ('checkout.session.completed', 'checkout.session.async_payment_succeeded', 'charge.refunded'))
               OR (e.outcome = 'applied' AND e.type IN ('checkout.session.completed', 'checkout.session.async_payment_succeeded', 'charge.refunded')
                   AND NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.payment_event_id = e.id))
            """),
        ("provider_amount_differs", """
            SELECT e.id FROM payment_events e JOIN purchases p ON p.id = e.purchase_id
            WHERE e.outcome = 'applied' AND (
                (e.type IN ('checkout.session.completed', 'checkout.session.async_payment_succeeded') AND e.amount_minor <> p.amount_minor)
                OR (e.type = 'charge.refunded' AND e.amount_minor > p.refunded_minor))
            """),
        ("booked_without_provider_event", """
            SELECT t.id::text FROM ledger_transactions t WHERE t.kind IN ('Payment', 'Refund') AND t.payment_event_id IS NULL
            """),
    ];

    public async Task<IReadOnlyList<Discrepancy>> RunAsync(CancellationToken ct)
    {
        var found = new List<Discrepancy>();
        foreach (var (kind, sql) in Checks)
        {
            var rows = await _db.Database.SqlQueryRaw<string>(sql).ToListAsync(ct);
            if (rows.Count > 0)
                found.Add(new Discrepancy(kind, rows.Count, rows[0]));
        }
        _discrepancies.Record(found.Sum(d => d.Count));
        foreach (var discrepancy in found)
        {
            _logger.LogError("Reconciliation: {Count} case(s) of {Kind}, e.g. {Example}", discrepancy.Count, discrepancy.Kind, discrepancy.Example);
        }
        if (found.Count == 0)
            _logger.LogInformation("Reconciliation: the ledger balances and agrees with the purchases and the provider's events");
        return found;
    }
}

/// <summary>Runs <see cref="LedgerReconciliation"/> once a day (and as the Worker starts).</summary>
public sealed class ReconciliationJob(
    IServiceScopeFactory scopes,
    IOptions<ReconciliationOptions> options,
    JobMetrics metrics,
    ILogger<ReconciliationJob> logger,
    TimeProvider clock)
    : ScheduledJob("reconciliation", options.Value, metrics, logger, clock)
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LedgerReconciliation>().RunAsync(cancellationToken);
    }
}
