using System.ComponentModel.DataAnnotations;

namespace ChatRoom.Api.Moderation;

/// <summary>How many reports one user may file, so that reporting cannot be used to flood the moderators.</summary>
public sealed class ReportLimitOptions
{
    public const string SectionName = "RateLimits:Reports";

    [Range(1, 100_000)]
    public int PerUser { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}
