namespace ChatRoom.Contracts;

/// <summary>An emoji people may react with, and the words it is found by.</summary>
public sealed record ReactionEmoji(string Emoji, string Name);

/// <summary>
/// The fixed set of reactions: no custom uploads, so every emoji renders everywhere and none can be abused as an image.
/// </summary>
public static class Reactions
{
    public static readonly IReadOnlyList<ReactionEmoji> Allowed =
    [
        new("👍", "thumbs up yes like"), new("👎", "thumbs down no dislike"), new("❤️", "red heart love"), new("😂", "laughing tears joy"),
        new("😮", "surprised wow open mouth"), new("😢", "crying sad tear"), new("😡", "angry pouting"), new("🎉", "party tada celebrate"),
        new("🙏", "thanks please folded hands"), new("👏", "clapping applause"), new("🔥", "fire hot lit"), new("💯", "hundred perfect"),
        new("✅", "check done yes"), new("❌", "cross no wrong"), new("👀", "eyes looking"), new("🤔", "thinking hmm"),
        new("😊", "smiling blush happy"), new("😍", "heart eyes love"), new("😅", "sweat smile relief"), new("🙂", "slight smile"),
        new("😉", "wink"), new("😎", "cool sunglasses"), new("🤣", "rolling laughing rofl"), new("😭", "sobbing crying loud"),
        new("😴", "sleeping tired zzz"), new("🤯", "mind blown exploding head"), new("🥳", "partying face birthday"), new("😬", "grimacing awkward"),
        new("🙌", "raising hands hooray"), new("💪", "flexed biceps strong"), new("👋", "waving hello bye"), new("🤝", "handshake deal"),
        new("⭐", "star favourite"), new("💡", "light bulb idea"), new("☕", "coffee hot beverage"), new("🍕", "pizza food"),
        new("🌍", "globe world earth"), new("🚀", "rocket launch ship it"), new("🐛", "bug insect"), new("🎶", "music notes"),
    ];

    private static readonly HashSet<string> Known = [.. Allowed.Select(r => r.Emoji)];

    public static bool IsAllowed(string emoji) => Known.Contains(emoji);
}
