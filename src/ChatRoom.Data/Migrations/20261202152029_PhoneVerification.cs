using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class PhoneVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "phone_ciphertext",
                table: "users",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "phone_hash",
                table: "users",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_last_digits",
                table: "users",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "phone_verified_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "phone_challenges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    phone_ciphertext = table.Column<byte[]>(type: "bytea", nullable: false),
                    phone_last_digits = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    code_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_challenges", x => x.id);
                    table.ForeignKey(
                        name: "fk_phone_challenges_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_phone_hash",
                table: "users",
                column: "phone_hash",
                unique: true,
                filter: "phone_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_phone_challenges_ip_address_created_at",
                table: "phone_challenges",
                columns: new[] { "ip_address", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_phone_challenges_phone_hash_created_at",
                table: "phone_challenges",
                columns: new[] { "phone_hash", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_phone_challenges_user_id_created_at",
                table: "phone_challenges",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "phone_challenges");

            migrationBuilder.DropIndex(
                name: "ix_users_phone_hash",
                table: "users");

            migrationBuilder.DropColumn(
                name: "phone_ciphertext",
                table: "users");

            migrationBuilder.DropColumn(
                name: "phone_hash",
                table: "users");

            migrationBuilder.DropColumn(
                name: "phone_last_digits",
                table: "users");

            migrationBuilder.DropColumn(
                name: "phone_verified_at",
                table: "users");
        }
    }
}
