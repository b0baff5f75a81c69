namespace ChatRoom.Data;

public static class TextClip
{
    /// <summary>The text cut to at most <paramref name="max"/> characters, its end marked with "…" when cut.</summary>
    public static string Clip(this string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
