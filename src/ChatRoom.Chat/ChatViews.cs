using System.Linq.Expressions;

namespace ChatRoom.Chat;

/// <summary>
/// The one mapping from entities to what clients see: a person (<see cref="UserSummary"/>) and a message
/// (<see cref="MessageDto"/>). Written as expressions so that queries project exactly these columns, and compiled
/// once for entities already in memory: both paths share the same rules.
/// </summary>
public static class ChatViews
{
    public static readonly Expression<Func<User, UserSummary>> Person =
        u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.AvatarUrl, u.Role.ToString(), u.PhoneVerifiedAt != null);

    // A deleted or rejected message travels only as a tombstone: its text is gone for clients.
    private static readonly Expression<Func<Message, UserSummary, MessageDto>> MessageShape = (m, author) => new MessageDto(
        m.Id, m.RoomId, m.Seq, m.ChangeSeq, author,
        m.DeletedAt != null || m.Status == MessageStatus.Rejected ? "" : m.Content,
        m.Status.ToString(), m.ClientMessageId, m.CreatedAt, m.EditedAt,
        m.DeletedAt != null || m.Status == MessageStatus.Rejected, m.Reactions);

    /// <summary>A message with its author, for queries (<c>.Select(ChatViews.Message)</c>).</summary>
    public static readonly Expression<Func<Message, MessageDto>> Message = WithAuthor(MessageShape);

    private static readonly Func<User, UserSummary> PersonOf = Person.Compile();
    private static readonly Func<Message, UserSummary, MessageDto> MessageOf = MessageShape.Compile();

    public static UserSummary ToSummary(this User user) => PersonOf(user);

    /// <summary>A message whose <see cref="Data.Entities.Message.Author"/> is loaded.</summary>
    public static MessageDto ToDto(this Message message) => MessageOf(message, message.Author!.ToSummary());

    /// <summary>A message whose author is known already (the writer's sends carry their author).</summary>
    public static MessageDto ToDto(this Message message, UserSummary author) => MessageOf(message, author);

    /// <summary>Puts <see cref="Person"/> of <c>m.Author</c> where the shape takes the author, as one expression EF can translate.</summary>
    private static Expression<Func<Message, MessageDto>> WithAuthor(Expression<Func<Message, UserSummary, MessageDto>> shape)
    {
        var message = shape.Parameters[0];
        var author = new Replace(Person.Parameters[0], Expression.Property(message, nameof(Data.Entities.Message.Author))).Visit(Person.Body);
        return Expression.Lambda<Func<Message, MessageDto>>(new Replace(shape.Parameters[1], author).Visit(shape.Body), message);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
