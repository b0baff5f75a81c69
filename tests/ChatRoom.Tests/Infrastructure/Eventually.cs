namespace ChatRoom.Tests.Infrastructure;

/// <summary>For effects of background work: poll a condition until it holds or a deadline passes.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? within = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail(because ?? $"The condition did not hold within {within ?? TimeSpan.FromSeconds(20)}.");
            await Task.Delay(100);
        }
    }
}
