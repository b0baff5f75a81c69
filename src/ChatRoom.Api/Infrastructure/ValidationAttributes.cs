using System.ComponentModel.DataAnnotations;
using ChatRoom.Data.Identity;

namespace ChatRoom.Api.Infrastructure;

// The rules of request fields, for the framework's minimal-API validation (AddValidation). Each says what is wrong
// with the field by its name, as clients have always read it. Null passes: [Required] says when a field must be there.

/// <summary>No NUL, no broken surrogate pair, and a length in range (of the trimmed text with <see cref="Trim"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int min, int max) : ValidationAttribute
{
    public bool Trim { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text && TextRules.Check(validationContext.DisplayName, Trim ? text.Trim() : text, min, max) is { } message
            ? new ValidationResult(message, [validationContext.MemberName!])
            : ValidationResult.Success;
}

/// <summary>A new account's name: 3–32 letters, digits, '_', '.' or '-'.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class UserNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string name && !UserNameRules.IsValidUserName(name)
            ? new ValidationResult($"{validationContext.DisplayName} must be {UserNameRules.MinLength}-{UserNameRules.MaxLength} characters of letters, digits, '_', '.' or '-'.", [validationContext.MemberName!])
            : ValidationResult.Success;
}

/// <summary>A new password: 8–128 characters without NUL.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PasswordAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string password && !UserNameRules.IsValidPassword(password)
            ? new ValidationResult($"{validationContext.DisplayName} must be {UserNameRules.MinPasswordLength}-{UserNameRules.MaxPasswordLength} characters without NUL.", [validationContext.MemberName!])
            : ValidationResult.Success;
}

/// <summary>
/// A display name, stored trimmed: within length, something visible, nothing that reorders or hides it; and unless
/// <see cref="StaffAllowed"/>, nothing that reads as a staff role.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class VisibleNameAttribute(int minLength) : ValidationAttribute
{
    public const string StaffNameMessage = "DisplayName reads as a staff role; only moderators and admins may take such a name.";

    public bool StaffAllowed { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string name)
            return ValidationResult.Success;
        var message = Problem(validationContext.DisplayName, name.Trim());
        if (message is null && !StaffAllowed && DisplayNameRules.ReadsAsStaff(name))
            message = StaffNameMessage;
        return message is null ? ValidationResult.Success : new ValidationResult(message, [validationContext.MemberName!]);
    }

    private string? Problem(string field, string trimmed)
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
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EnumNameAttribute(Type enumType) : ValidationAttribute
{
    /// <summary>The names accepted, when not all of the enum's.</summary>
    public string[]? Allowed { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string name)
            return ValidationResult.Success;
        var allowed = Allowed ?? Enum.GetNames(enumType);
        return allowed.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} must be one of: {string.Join(", ", allowed)}.", [validationContext.MemberName!]);
    }
}

/// <summary>An absolute http or https URL.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string url && !string.IsNullOrWhiteSpace(url) &&
        !(Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? new ValidationResult($"{validationContext.DisplayName} must be an absolute http or https URL.", [validationContext.MemberName!])
            : ValidationResult.Success;
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
