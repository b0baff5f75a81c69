using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "moderated_at",
                table: "messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "moderation_note",
                table: "messages",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // Messages written before the queue existed are not judged after the fact.
            migrationBuilder.Sql("UPDATE messages SET moderated_at = created_at");

            migrationBuilder.CreateIndex(
                name: "ix_messages_unmoderated",
                table: "messages",
                column: "created_at",
                filter: "moderated_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_unmoderated",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "moderated_at",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "moderation_note",
                table: "messages");
        }
    }
}
