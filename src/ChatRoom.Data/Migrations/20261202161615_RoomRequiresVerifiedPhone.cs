using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoomRequiresVerifiedPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "requires_verified_phone",
                table: "rooms",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "requires_verified_phone",
                table: "rooms");
        }
    }
}
