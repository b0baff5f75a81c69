using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace ChatRoom.AppHost.Tests;

public sealed class ParameterTests
{
    [Fact]
    public async Task AMissingParameterStopsTheStartAtOnceAndIsNamed()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"chatroom-apphost-{Guid.NewGuid():N}");
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChatRoom_AppHost>(
            [.. ChatRoomAppFixture.LocalArguments(dataDirectory), "--Parameters:initial-admin-username="], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        try
        {
            // Fails well inside the timeout: a start that waited for the value would be cancelled instead.
            var thrown = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(timeout.Token));
            var failure = Assert.IsType<DistributedApplicationException>(
                thrown is AggregateException many ? Assert.Single(many.Flatten().InnerExceptions) : thrown);

            Assert.Contains("'initial-admin-username'", failure.Message, StringComparison.Ordinal);
            Assert.Contains("Parameters:initial-admin-username", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            ChatRoomAppFixture.DeleteDirectory(dataDirectory);
        }
    }
}
