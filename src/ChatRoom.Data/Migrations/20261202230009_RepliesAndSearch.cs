using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class RepliesAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reply_count",
                table: "messages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "reply_to_id",
                table: "messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_messages_reply_to_id_seq",
                table: "messages",
                columns: new[] { "reply_to_id", "seq" },
                filter: "reply_to_id IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_messages_messages_reply_to_id",
                table: "messages",
                column: "reply_to_id",
                principalTable: "messages",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // Full-text search: each message is indexed in its room's language (the configuration is kept on the row,
            // since an index cannot look at the room). Kept out of the EF model: only the writer sets it, only search reads it.
            migrationBuilder.Sql("ALTER TABLE messages ADD COLUMN search_config regconfig NOT NULL DEFAULT 'simple';");
            migrationBuilder.Sql($"""
                UPDATE messages m SET search_config = ({SearchLanguages.SqlFor("r.language_code")})::regconfig
                FROM rooms r WHERE r.id = m.room_id AND r.kind <> 'Conversation';
                """);
            migrationBuilder.Sql("""
                CREATE INDEX ix_messages_search ON messages USING gin (to_tsvector(search_config, content))
                WHERE status = 'Approved' AND deleted_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_messages_search; ALTER TABLE messages DROP COLUMN search_config;");

            migrationBuilder.DropForeignKey(
                name: "fk_messages_messages_reply_to_id",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "ix_messages_reply_to_id_seq",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "reply_count",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "reply_to_id",
                table: "messages");
        }
    }
}
