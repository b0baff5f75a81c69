namespace ChatRoom.Tests.Infrastructure;

/// <summary>
/// The real time plus however far a test has moved it on: a wait the app asks for passes at once, and everything
/// else still sees a clock that runs.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
