namespace ChatRoom.Chat.Messages;

public static class ChangeNumbers
{
    /// <summary>
    /// Gives <paramref name="message"/> its room's next change number, in the caller's transaction (the room's row stays
    /// locked until it commits), so a client catching up by change sequence sees the change exactly once.
    /// </summary>
    public static async Task TakeNextChangeAsync(this ChatDbContext db, Message message, CancellationToken ct)
    {
        var changeSeq = await db.Database
            .SqlQuery<long>($"UPDATE rooms SET last_change_seq = last_change_seq + 1 WHERE id = {message.RoomId} RETURNING last_change_seq AS \"Value\"")
            .ToListAsync(ct);
        message.ChangeSeq = changeSeq.Single();
    }
}
