using ChatRoom.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatRoom.Data.Migrations
{
    /// <summary>
    /// The search index takes a message once the moderation queue has judged it (<c>moderated_at</c> set, which the Worker
    /// writes for every message anyway), not when it is sent: the writer's batched insert, which holds the rooms' locks,
    /// then never maintains the GIN index nor waits for its pending list to be flushed, and a message is indexed once
    /// instead of at its insert and again at its verdict.
    /// </summary>
    [DbContext(typeof(ChatDbContext))]
    [Migration("20261203000500_SearchAfterModeration")]
    public partial class SearchAfterModeration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_messages_search;
                CREATE INDEX ix_messages_search ON messages USING gin (to_tsvector(search_config, content))
                WHERE status = 'Approved' AND deleted_at IS NULL AND moderated_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_messages_search;
                CREATE INDEX ix_messages_search ON messages USING gin (to_tsvector(search_config, content))
                WHERE status = 'Approved' AND deleted_at IS NULL;
                """);
        }
    }
}
