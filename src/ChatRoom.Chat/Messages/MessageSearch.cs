using Npgsql;

namespace ChatRoom.Chat.Messages;

/// <summary>One piece of a search result's snippet; <see cref="Match"/> pieces are the words that matched.</summary>
public sealed record SnippetPart(string Text, bool Match);

/// <summary>A message found, where it is (<see cref="RoomKind"/> <c>Lounge</c> or <c>Conversation</c>), and the snippet to show.</summary>
public sealed record SearchHit(MessageDto Message, string RoomName, string RoomKind, IReadOnlyList<SnippetPart> Snippet);

/// <summary>
/// Full-text search over the messages a person may read: lounge rooms open to them (guests only where guests read,
/// 18+ only once age-verified or as a moderator) and conversations they are in, never another's conversation,
/// whatever their role. Deleted, rejected and pending messages are never found, nor messages of people the searcher
/// blocked. A message is found once the moderation queue has judged it (usually within a second of its sending): the
/// index takes it then, so sending never pays for it. Each message is indexed in its room's language (<see cref="SearchLanguages"/>); the words asked are read
/// in every language in use, so "running" finds "runs" in an English room and stays literal where there is no stemming.
/// Ranked among the newest <see cref="MaxRanked"/> matches (with the newest first among equals), paged by position among
/// the <see cref="MaxResults"/> best.
/// </summary>
public sealed class MessageSearch(NpgsqlDataSource dataSource, ChatDbContext db)
{
    public const int MaxQueryLength = 200;
    public const int MaxResults = 500;
    public const int MaxPage = 50;

    // Ranking reads each match's text again: only the newest this many matches are ranked, so a common word costs
    // the index scan, not a re-parse of every message that has it (measured: 375 → 160 ms for a word in 37,500 of
    // 300,000 messages).
    private const int MaxRanked = 1000;

    // A message this short is shown whole; a longer one by the fragments around its matches.
    private const int WholeUpTo = 300;

    // Marks around matched words in ts_headline's answer: private-use characters, taken out of the text beforehand.
    private const char Start = '\uE000';
    private const char Stop = '\uE001';

    public async Task<(List<SearchHit> Hits, int? Next)> SearchAsync(Viewer viewer, string query, Guid? roomId, int offset, int limit,
        CancellationToken ct)
    {
        var ageVerified = viewer.Moderates || await db.Users.AnyAsync(u => u.Id == viewer.Id && u.AgeVerifiedAt != null, ct);
        var languages = await db.Rooms.Where(r => r.Kind == RoomKind.Lounge).Select(r => r.LanguageCode).Distinct().ToListAsync(ct);
        var configs = languages.Select(SearchLanguages.ForLanguage)
            .Append(SearchLanguages.Simple).Distinct().ToArray();

        await using var command = dataSource.CreateCommand(Sql(configs.Length));
        for (var i = 0; i < configs.Length; i++)
            command.Parameters.Add(new NpgsqlParameter<string>($"c{i}", configs[i]));
        command.Parameters.Add(new NpgsqlParameter<string>("q", query));
        command.Parameters.Add(new NpgsqlParameter<Guid>("me", viewer.Id));
        command.Parameters.Add(new NpgsqlParameter<bool>("guest", viewer.Role == UserRole.Guest));
        command.Parameters.Add(new NpgsqlParameter<bool>("adult_ok", ageVerified));
        command.Parameters.Add(new NpgsqlParameter<Guid?>("room", roomId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<int>("offset", offset));
        command.Parameters.Add(new NpgsqlParameter<int>("take", Math.Min(limit + 1, MaxResults - offset)));

        var found = new List<(Guid Id, string RoomName, string RoomKind, string Headline)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                found.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        var ids = found.Select(f => f.Id).ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(ChatViews.Message).ToDictionaryAsync(m => m.Id, ct);
        var hits = found.Take(limit).Where(f => messages.ContainsKey(f.Id))
            .Select(f => new SearchHit(messages[f.Id], f.RoomName, f.RoomKind, Snippet(f.Headline))).ToList();
        return (hits, found.Count > limit && offset + limit < MaxResults ? offset + limit : null);
    }

    // The words are asked in every configuration in use at once (one tsquery, ORed, the same for every row), so the
    // expression index (to_tsvector(search_config, content)) answers it; snippets are computed for the page only.
    private static string Sql(int configs)
    {
        var tsquery = string.Join(" || ", Enumerable.Range(0, configs).Select(i => $"websearch_to_tsquery(@c{i}::regconfig, @q)"));
        return $"""
            WITH candidates AS MATERIALIZED (
              SELECT m.id, m.search_config, m.content, r.name AS room_name, r.kind AS room_kind, m.created_at
              FROM messages m
              JOIN rooms r ON r.id = m.room_id
              LEFT JOIN lounges l ON l.id = r.lounge_id
              WHERE to_tsvector(m.search_config, m.content) @@ ({tsquery})
                AND m.status = 'Approved' AND m.deleted_at IS NULL AND m.moderated_at IS NOT NULL
                AND r.archived_at IS NULL AND (l.id IS NULL OR l.archived_at IS NULL)
                AND (@room IS NULL OR m.room_id = @room)
                AND ((r.kind = 'Conversation' AND EXISTS (
                        SELECT 1 FROM room_members rm WHERE rm.room_id = r.id AND rm.user_id = @me AND rm.left_at IS NULL))
                  OR (r.kind = 'Lounge' AND (NOT @guest OR r.guests_can_read)
                      AND (@adult_ok OR NOT (r.adults_only OR COALESCE(l.adults_only, false)))))
                AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = @me AND b.blocked_id = m.author_id AND b.lifted_at IS NULL)
              ORDER BY m.created_at DESC LIMIT {MaxRanked}),
            found AS (
              SELECT c.*, ts_rank_cd(to_tsvector(c.search_config, c.content), {tsquery}) AS rank FROM candidates c
              ORDER BY rank DESC, c.created_at DESC, c.id DESC
              OFFSET @offset LIMIT @take)
            SELECT f.id, f.room_name, f.room_kind,
                   ts_headline(f.search_config, translate(f.content, E'\uE000\uE001', ''), {tsquery},
                     'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', ' ||
                     CASE WHEN length(f.content) <= {WholeUpTo} THEN 'HighlightAll=true'
                          ELSE 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "' END)
            FROM found f
            ORDER BY f.rank DESC, f.created_at DESC, f.id DESC
            """;
    }

    /// <summary>The headline split at its marks: plain text and matched words, never markup.</summary>
    public static List<SnippetPart> Snippet(string headline)
    {
        var parts = new List<SnippetPart>();
        var match = false;
        var start = 0;
        for (var i = 0; i <= headline.Length; i++)
        {
            if (i < headline.Length && headline[i] != Start && headline[i] != Stop)
                continue;
            if (i > start)
                parts.Add(new SnippetPart(headline[start..i], match));
            if (i < headline.Length)
                match = headline[i] == Start;
            start = i + 1;
        }
        return parts;
    }
}
