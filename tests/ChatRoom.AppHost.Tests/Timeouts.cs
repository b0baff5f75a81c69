namespace ChatRoom.AppHost.Tests;

internal static class Timeouts
{
    /// <summary>How long a test waits for the running system; generous for a busy two-core machine.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static CancellationTokenSource Start(TimeSpan? after = null)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(after ?? Default);
        return timeout;
    }
}
