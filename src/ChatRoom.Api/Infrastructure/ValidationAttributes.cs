using System.ComponentModel.DataAnnotations;
using ChatRoom.Data.Identity;

namespace ChatRoom.Api.Infrastructure;

// The rules of request fields, for the framework's minimal-API validation (AddValidation). Each says what is wrong
// with the field by its name, as clients have always read it. Null passes: [Required] says when a field must be there.

/// <summary>A rule on a text field: <see cref="Problem"/> says what is wrong with a value, or null when it is fine.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public abstract class TextRuleAttribute : ValidationAttribute
{
    protected abstract string? Problem(string value, string field);

    protected sealed override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text && Problem(text, validationContext.DisplayName) is { } message
            ? new ValidationResult(message, [validationContext.MemberName!])
            : ValidationResult.Success;
}

/// <summary>No NUL, no broken surrogate pair, and a length in range (of the trimmed text with <see cref="Trim"/>).</summary>
public sealed class TextAttribute(int min, int max) : TextRuleAttribute
{
    public bool Trim { get; init; }

    protected override string? Problem(string value, string field) => TextRules.Check(field, Trim ? value.Trim() : value, min, max);
}

/// <summary>A new account's name: 3–32 letters, digits, '_', '.' or '-'.</summary>
public sealed class UserNameAttribute : TextRuleAttribute
{
    protected override string? Problem(string value, string field) => UserNameRules.IsValidUserName(value) ? null
        : $"{field} must be {UserNameRules.MinLength}-{UserNameRules.MaxLength} characters of letters, digits, '_', '.' or '-'.";
}

/// <summary>A new password: 8–128 characters without NUL.</summary>
public sealed class PasswordAttribute : TextRuleAttribute
{
    protected override string? Problem(string value, string field) => UserNameRules.IsValidPassword(value) ? null
        : $"{field} must be {UserNameRules.MinPasswordLength}-{UserNameRules.MaxPasswordLength} characters without NUL.";
}

/// <summary>
/// A display name, stored trimmed: within length, something visible, nothing that reorders or hides it; and unless
/// <see cref="StaffAllowed"/>, nothing that reads as a staff role.
/// </summary>
public sealed class VisibleNameAttribute(int minLength) : TextRuleAttribute
{
    public const string StaffNameMessage = "DisplayName reads as a staff role; only moderators and admins may take such a name.";

    public bool StaffAllowed { get; init; }

    protected override string? Problem(string value, string field) =>
        Unreadable(value.Trim(), field) ?? (!StaffAllowed && DisplayNameRules.ReadsAsStaff(value) ? StaffNameMessage : null);

    private string? Unreadable(string trimmed, string field)
    {
        if (TextRules.Check(field, trimmed, minLength, DisplayNameRules.MaxLength) is { } message)
            return message;
        if (trimmed.Length == 0)
            return null;
        if (DisplayNameRules.HasHiddenCharacters(trimmed))
            return $"{field} must not contain control or invisible formatting characters (such as direction overrides or zero-width joiners).";
        return DisplayNameRules.HasVisibleCharacter(trimmed) ? null : $"{field} needs at least one visible character.";
    }
}

/// <summary>One of an enum's names, in any case (numbers and lists are not names: see <see cref="EnumNames"/>).</summary>
public sealed class EnumNameAttribute(Type enumType) : TextRuleAttribute
{
    /// <summary>The names accepted, when not all of the enum's.</summary>
    public string[]? Allowed { get; init; }

    protected override string? Problem(string value, string field)
    {
        var allowed = Allowed ?? Enum.GetNames(enumType);
        return allowed.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"{field} must be one of: {string.Join(", ", allowed)}.";
    }
}

/// <summary>An absolute http or https URL.</summary>
public sealed class HttpUrlAttribute : TextRuleAttribute
{
    protected override string? Problem(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ||
        (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? null
            : $"{field} must be an absolute http or https URL.";
}

/// <summary>
/// [Required] as clients read it ("UserName is required."), for a missing field only: what an empty or blank value
/// means is the field's own rule (a password of spaces is a password).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MustHaveAttribute : RequiredAttribute
{
    public MustHaveAttribute()
    {
        ErrorMessage = "{0} is required.";
        AllowEmptyStrings = true;
    }
}

/// <summary>A region phone numbers are read in: an ISO 3166 two-letter code libphonenumber knows.</summary>
public sealed class PhoneRegionAttribute : TextRuleAttribute
{
    protected override string? Problem(string value, string field) =>
        value.Length == 2 && Verification.PhoneNumberRules.IsKnownRegion(value) ? null : $"{field} must be a two-letter region code such as DE or US.";
}

/// <summary>A one-time code as sent: exactly six digits.</summary>
public sealed class SixDigitsAttribute : TextRuleAttribute
{
    protected override string? Problem(string value, string field) =>
        value.Length == 6 && value.All(char.IsAsciiDigit) ? null : $"{field} must be the six digits of the code.";
}
