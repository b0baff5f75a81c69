using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentsOfRemovedMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "message_removed_at",
                table: "attachments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_attachments_removed",
                table: "attachments",
                column: "message_removed_at",
                filter: "message_removed_at IS NOT NULL AND file_deleted_at IS NULL");

            // Whichever code deletes or rejects a message, its files are marked in the same transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION attachments_mark_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE attachments SET message_removed_at = now()
                    WHERE uploader_id = NEW.author_id AND room_id = NEW.room_id AND client_message_id = NEW.client_message_id
                      AND message_removed_at IS NULL;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER messages_removed_mark_attachments AFTER UPDATE OF deleted_at, status ON messages
                    FOR EACH ROW
                    WHEN ((NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL) OR (NEW.status = 'Rejected' AND OLD.status <> 'Rejected'))
                    EXECUTE FUNCTION attachments_mark_removed();

                UPDATE attachments a SET message_removed_at = now()
                FROM messages m
                WHERE m.author_id = a.uploader_id AND m.room_id = a.room_id AND m.client_message_id = a.client_message_id
                  AND (m.deleted_at IS NOT NULL OR m.status = 'Rejected') AND a.message_removed_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER messages_removed_mark_attachments ON messages;
                DROP FUNCTION attachments_mark_removed();
                """);

            migrationBuilder.DropIndex(
                name: "ix_attachments_removed",
                table: "attachments");

            migrationBuilder.DropColumn(
                name: "message_removed_at",
                table: "attachments");
        }
    }
}
