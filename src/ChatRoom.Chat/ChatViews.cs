using System.Linq.Expressions;

namespace ChatRoom.Chat;

/// <summary>
/// The one mapping from entities to what clients see: a person (<see cref="UserSummary"/>) and a message
/// (<see cref="MessageDto"/>) with the preview of what it answers. Written as expressions so that queries project
/// exactly these columns, and compiled once for entities already in memory: both paths share the same rules.
/// </summary>
public static class ChatViews
{
    public static readonly Expression<Func<User, UserSummary>> Person =
        u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.AvatarUrl, u.Role.ToString(), u.PhoneVerifiedAt != null);

    // A deleted or rejected message travels only as a tombstone: its text is gone for clients.
    private static readonly Expression<Func<Message, UserSummary, ReplyPreview?, MessageDto>> MessageShape = (m, author, replyTo) => new MessageDto(
        m.Id, m.RoomId, m.Seq, m.ChangeSeq, author,
        m.DeletedAt != null || m.Status == MessageStatus.Rejected ? "" : m.Content,
        m.Status.ToString(), m.ClientMessageId, m.CreatedAt, m.EditedAt,
        m.DeletedAt != null || m.Status == MessageStatus.Rejected, m.Reactions, replyTo, m.ReplyCount,
        m.DeletedAt != null || m.Status == MessageStatus.Rejected ? null : m.Attachments);

    // The same rule for the original's text: gone once it is deleted or rejected.
    private static readonly Expression<Func<Message, UserSummary, ReplyPreview>> PreviewShape = (p, author) => new ReplyPreview(
        p.Id, p.Seq, author,
        p.DeletedAt != null || p.Status == MessageStatus.Rejected ? ""
            : p.Content.Length > ReplyPreview.MaxExcerptLength ? p.Content.Substring(0, ReplyPreview.MaxExcerptLength) : p.Content,
        p.DeletedAt != null || p.Status == MessageStatus.Rejected);

    /// <summary>A message as a preview for its replies, for queries.</summary>
    public static readonly Expression<Func<Message, ReplyPreview>> Preview = WithPerson(PreviewShape);

    /// <summary>A message with its author and what it answers, for queries (<c>.Select(ChatViews.Message)</c>).</summary>
    public static readonly Expression<Func<Message, MessageDto>> Message = ForQueries();

    private static readonly Func<User, UserSummary> PersonOf = Person.Compile();
    private static readonly Func<Message, UserSummary, ReplyPreview?, MessageDto> MessageOf = MessageShape.Compile();
    private static readonly Func<Message, UserSummary, ReplyPreview> PreviewOf = PreviewShape.Compile();

    public static UserSummary ToSummary(this User user) => PersonOf(user);

    /// <summary>
    /// A message whose <see cref="Data.Entities.Message.Author"/> is loaded, and for a reply its
    /// <see cref="Data.Entities.Message.ReplyTo"/> with its author (<see cref="WithViewParts"/>).
    /// </summary>
    public static MessageDto ToDto(this Message message) => MessageOf(message, message.Author!.ToSummary(), message.PreviewOfOriginal());

    /// <summary>A new message whose author and original are known already (the writer's sends carry them).</summary>
    public static MessageDto ToDto(this Message message, UserSummary author, ReplyPreview? replyTo) => MessageOf(message, author, replyTo);

    /// <summary>The message as a preview for its replies; its <see cref="Data.Entities.Message.Author"/> is loaded.</summary>
    public static ReplyPreview ToPreview(this Message message) => PreviewOf(message, message.Author!.ToSummary());

    /// <summary>Loads what <see cref="ToDto(Message)"/> shows: the author, and the original with its author.</summary>
    public static IQueryable<Message> WithViewParts(this IQueryable<Message> messages) =>
        messages.Include(m => m.Author).Include(m => m.ReplyTo).ThenInclude(p => p!.Author);

    private static ReplyPreview? PreviewOfOriginal(this Message message) => message.ReplyToId switch
    {
        null => null,
        _ when message.ReplyTo?.Author is null => throw new InvalidOperationException(
            $"Message {message.Id} answers {message.ReplyToId}, which was not loaded: query it WithViewParts()."),
        _ => message.ReplyTo.ToPreview(),
    };

    /// <summary>
    /// Puts <see cref="Person"/> of <c>m.Author</c> where the shape takes the author, and the preview of <c>m.ReplyTo</c>
    /// (null when it answers nothing) where it takes the original, as one expression EF can translate.
    /// </summary>
    private static Expression<Func<Message, MessageDto>> ForQueries()
    {
        var message = MessageShape.Parameters[0];
        var author = PersonOfProperty(message, nameof(Data.Entities.Message.Author));
        var original = Expression.Property(message, nameof(Data.Entities.Message.ReplyTo));
        var preview = new Replace(Preview.Parameters[0], original).Visit(Preview.Body);
        var replyTo = Expression.Condition(
            Expression.Equal(Expression.Property(message, nameof(Data.Entities.Message.ReplyToId)), Expression.Constant(null, typeof(Guid?))),
            Expression.Constant(null, typeof(ReplyPreview)), preview);
        var body = new Replace(MessageShape.Parameters[2], replyTo).Visit(new Replace(MessageShape.Parameters[1], author).Visit(MessageShape.Body));
        return Expression.Lambda<Func<Message, MessageDto>>(body, message);
    }

    private static Expression<Func<Message, T>> WithPerson<T>(Expression<Func<Message, UserSummary, T>> shape)
    {
        var message = shape.Parameters[0];
        var body = new Replace(shape.Parameters[1], PersonOfProperty(message, nameof(Data.Entities.Message.Author))).Visit(shape.Body);
        return Expression.Lambda<Func<Message, T>>(body, message);
    }

    private static Expression PersonOfProperty(Expression owner, string property) =>
        new Replace(Person.Parameters[0], Expression.Property(owner, property)).Visit(Person.Body);

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
