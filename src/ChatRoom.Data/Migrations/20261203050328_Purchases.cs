using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class Purchases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_reports_reporter_id_target_user_id_target_message_id",
                table: "user_reports");

            migrationBuilder.AddColumn<Guid>(
                name: "target_listing_id",
                table: "user_reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "purchases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    buyer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    fee_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    provider = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    checkout_session_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    checkout_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    payment_intent_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refund_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refund_requested_by = table.Column<Guid>(type: "uuid", nullable: true),
                    refund_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    refunded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refunded_minor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchases", x => x.id);
                    table.CheckConstraint("ck_purchases_amounts", "amount_minor > 0 AND fee_minor >= 0 AND fee_minor <= amount_minor");
                    table.CheckConstraint("ck_purchases_refunded", "refunded_minor >= 0 AND refunded_minor <= amount_minor");
                    table.ForeignKey(
                        name: "fk_purchases_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_purchases_users_buyer_id",
                        column: x => x.buyer_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_purchases_users_seller_id",
                        column: x => x.seller_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    purchase_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount_minor = table.Column<long>(type: "bigint", nullable: true),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_events_purchases_purchase_id",
                        column: x => x.purchase_id,
                        principalTable: "purchases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    purchase_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_event_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    memo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_transactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_transactions_payment_events_payment_event_id",
                        column: x => x.payment_event_id,
                        principalTable: "payment_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_transactions_purchases_purchase_id",
                        column: x => x.purchase_id,
                        principalTable: "purchases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_transactions_users_actor_id",
                        column: x => x.actor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    seller_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.CheckConstraint("ck_ledger_entries_account", "(account = 'seller_payable') = (seller_id IS NOT NULL) AND account IN ('provider_clearing', 'platform_fees', 'seller_payable')");
                    table.CheckConstraint("ck_ledger_entries_amount", "amount_minor <> 0");
                    table.ForeignKey(
                        name: "fk_ledger_entries_ledger_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "ledger_transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_entries_users_seller_id",
                        column: x => x.seller_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_reports_reporter_id_target_user_id_target_message_id_t",
                table: "user_reports",
                columns: new[] { "reporter_id", "target_user_id", "target_message_id", "target_listing_id" },
                unique: true,
                filter: "status = 'Open'")
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_user_reports_target_listing_id",
                table: "user_reports",
                column: "target_listing_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_account_seller_id",
                table: "ledger_entries",
                columns: new[] { "account", "seller_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_seller_id",
                table: "ledger_entries",
                column: "seller_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_transaction_id",
                table: "ledger_entries",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_actor_id",
                table: "ledger_transactions",
                column: "actor_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_created_at_id",
                table: "ledger_transactions",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_one_payment",
                table: "ledger_transactions",
                column: "purchase_id",
                unique: true,
                filter: "kind = 'Payment'");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_payment_event_id",
                table: "ledger_transactions",
                column: "payment_event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_purchase_id_kind",
                table: "ledger_transactions",
                columns: new[] { "purchase_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_events_purchase_id",
                table: "payment_events",
                column: "purchase_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_events_received_at",
                table: "payment_events",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_buyer_id_created_at",
                table: "purchases",
                columns: new[] { "buyer_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_purchases_checkout_session_id",
                table: "purchases",
                column: "checkout_session_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchases_created_at_id",
                table: "purchases",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchases_expires_at",
                table: "purchases",
                column: "expires_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_listing_held",
                table: "purchases",
                column: "listing_id",
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_payment_intent_id",
                table: "purchases",
                column: "payment_intent_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchases_seller_id_created_at",
                table: "purchases",
                columns: new[] { "seller_id", "created_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_user_reports_listings_target_listing_id",
                table: "user_reports",
                column: "target_listing_id",
                principalTable: "listings",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The ledger is written once: no entry or transaction is ever changed or deleted, by any role, and every
            // transaction balances (its entries add up to zero, two at least) when the database transaction commits.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
                    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
                CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
                CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
                    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
                CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

                CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    total bigint;
                    lines int;
                BEGIN
                    SELECT coalesce(sum(amount_minor), 0), count(*) INTO total, lines
                        FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
                    IF total <> 0 OR lines < 2 THEN
                        RAISE EXCEPTION 'ledger transaction % does not balance (% over % entries)', NEW.transaction_id, total, lines
                            USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
                """);

            // Browsing by words: the same expression the query matches, over what is on offer.
            migrationBuilder.Sql("""
                CREATE INDEX ix_listings_words ON listings USING gin (to_tsvector('simple', title || ' ' || description))
                    WHERE status = 'Listed';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_listings_words;");
            migrationBuilder.Sql("""
                DROP TRIGGER ledger_entries_balanced ON ledger_entries;
                DROP TRIGGER ledger_entries_no_truncate ON ledger_entries;
                DROP TRIGGER ledger_entries_append_only ON ledger_entries;
                DROP TRIGGER ledger_transactions_no_truncate ON ledger_transactions;
                DROP TRIGGER ledger_transactions_append_only ON ledger_transactions;
                DROP FUNCTION ledger_check_balanced();
                DROP FUNCTION ledger_refuse_change();
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_user_reports_listings_target_listing_id",
                table: "user_reports");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "ledger_transactions");

            migrationBuilder.DropTable(
                name: "payment_events");

            migrationBuilder.DropTable(
                name: "purchases");

            migrationBuilder.DropIndex(
                name: "ix_user_reports_reporter_id_target_user_id_target_message_id_t",
                table: "user_reports");

            migrationBuilder.DropIndex(
                name: "ix_user_reports_target_listing_id",
                table: "user_reports");

            migrationBuilder.DropColumn(
                name: "target_listing_id",
                table: "user_reports");

            migrationBuilder.CreateIndex(
                name: "ix_user_reports_reporter_id_target_user_id_target_message_id",
                table: "user_reports",
                columns: new[] { "reporter_id", "target_user_id", "target_message_id" },
                unique: true,
                filter: "status = 'Open'")
                .Annotation("Npgsql:NullsDistinct", false);
        }
    }
}
