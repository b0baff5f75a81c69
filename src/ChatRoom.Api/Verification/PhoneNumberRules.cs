using PhoneNumbers;

namespace ChatRoom.Api.Verification;

/// <summary>What a typed number means: libphonenumber reads it (with the region it was typed in, unless it starts
/// with +) and keeps it only if it is a valid number that can receive text messages.</summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // Types that take text messages; landlines, toll-free, premium and shared-cost numbers do not.
    private static readonly HashSet<PhoneNumberType> Textable =
        [PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.VOIP];

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Valid(string E164, string LastDigits) : Result;

        /// <summary><paramref name="Code"/>: <see cref="ErrorCodes.PhoneInvalid"/> or <see cref="ErrorCodes.PhoneUnsupported"/>.</summary>
        public sealed record Refused(string Code, string Detail) : Result;
    }

    public static Result Normalize(string input, string? region)
    {
        PhoneNumber number;
        try
        {
            number = Util.Parse(input, string.IsNullOrEmpty(region) ? null : region.ToUpperInvariant());
        }
        catch (NumberParseException)
        {
            return new Result.Refused(ErrorCodes.PhoneInvalid,
                "This is not a phone number. Give it in international form (+ and the country code) or with its region.");
        }
        if (!Util.IsValidNumber(number))
            return new Result.Refused(ErrorCodes.PhoneInvalid, "This is not a valid phone number.");
        if (!Textable.Contains(Util.GetNumberType(number)))
            return new Result.Refused(ErrorCodes.PhoneUnsupported, "This number cannot receive text messages: give a mobile number.");
        var e164 = Util.Format(number, PhoneNumberFormat.E164);
        return new Result.Valid(e164, e164[^2..]);
    }

    /// <summary>ISO 3166 two-letter regions libphonenumber knows.</summary>
    public static bool IsKnownRegion(string region) => Util.GetSupportedRegions().Contains(region.ToUpperInvariant());
}
