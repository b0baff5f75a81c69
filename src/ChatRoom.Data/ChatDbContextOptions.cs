using Microsoft.EntityFrameworkCore;

namespace ChatRoom.Data;

public static class ChatDbContextOptions
{
    /// <summary>The naming and behaviour every user of <see cref="ChatDbContext"/> must agree on.</summary>
    public static TBuilder UseChatRoomConventions<TBuilder>(this TBuilder options) where TBuilder : DbContextOptionsBuilder
    {
        options.UseSnakeCaseNamingConvention();
        return options;
    }
}
