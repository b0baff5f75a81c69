using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatRoom.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service or database.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ChatDbContext>
{
    public ChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ChatDbContext>()
            .UseNpgsql("Host=localhost;Database=chatdb")
            .UseChatRoomConventions()
            .Options);
}
