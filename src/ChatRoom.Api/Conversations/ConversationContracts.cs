using System.ComponentModel.DataAnnotations;

namespace ChatRoom.Api.Conversations;

/// <summary>The people to talk to, besides the one asking: one for a conversation of two, up to nine for a group.</summary>
public sealed record StartConversationRequest([MustHave] IReadOnlyList<Guid>? MemberIds) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MemberIds is null)
            yield break;
        if (MemberIds.Count is 0 or >= Room.MaxConversationMembers)
            yield return new ValidationResult($"MemberIds must name 1 to {Room.MaxConversationMembers - 1} people besides you.", [nameof(MemberIds)]);
        else if (MemberIds.Distinct().Count() != MemberIds.Count)
            yield return new ValidationResult("MemberIds names someone twice.", [nameof(MemberIds)]);
    }
}

/// <summary>Someone the user blocked, and since when.</summary>
public sealed record BlockResponse(UserSummary User, DateTimeOffset CreatedAt);
