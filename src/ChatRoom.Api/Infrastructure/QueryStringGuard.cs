namespace ChatRoom.Api.Infrastructure;

/// <summary>
/// One rule for every endpoint: a query value with a NUL or a broken surrogate pair is refused at the edge with a
/// 400 validation problem naming the parameter, before any handler passes it on to PostgreSQL (which refuses NUL
/// in text and would turn the request into a 500).
/// </summary>
public static class QueryStringGuard
{
    public static IApplicationBuilder UseQueryStringGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var errors = new ValidationErrors();
        foreach (var (name, values) in context.Request.Query)
        {
            foreach (var value in values)
                errors.Text(name, value, min: 0, max: int.MaxValue, required: false);
            if (!TextRules.IsValidUtf16(name) || name.Contains('\0', StringComparison.Ordinal))
                errors.Add("query", "A query parameter's name contains invalid characters.");
        }
        if (errors.IsEmpty)
        {
            await next(context);
            return;
        }
        await Problems.Invalid(errors.ToDictionary(), detail: "The query string contains characters no value may hold.").ExecuteAsync(context);
    });
}
