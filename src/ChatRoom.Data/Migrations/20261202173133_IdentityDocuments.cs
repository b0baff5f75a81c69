using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdentityDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "age_verified_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "adults_only",
                table: "rooms",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "adults_only",
                table: "lounges",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "requires_verified_phone",
                table: "lounges",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "identity_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blob_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    read_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_attempts = table.Column<int>(type: "integer", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    unreadable = table.Column<bool>(type: "boolean", nullable: false),
                    read_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    hint_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    hint_date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    hint_document_number = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    reviewer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    document_deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_documents_users_reviewer_id",
                        column: x => x.reviewer_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_identity_documents_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_documents_one_pending",
                table: "identity_documents",
                column: "user_id",
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_identity_documents_reviewed_at",
                table: "identity_documents",
                column: "reviewed_at",
                filter: "document_deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_identity_documents_reviewer_id",
                table: "identity_documents",
                column: "reviewer_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_documents_submitted_at_id",
                table: "identity_documents",
                columns: new[] { "submitted_at", "id" },
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_identity_documents_user_id_submitted_at",
                table: "identity_documents",
                columns: new[] { "user_id", "submitted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_documents");

            migrationBuilder.DropColumn(
                name: "age_verified_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "adults_only",
                table: "rooms");

            migrationBuilder.DropColumn(
                name: "adults_only",
                table: "lounges");

            migrationBuilder.DropColumn(
                name: "requires_verified_phone",
                table: "lounges");
        }
    }
}
