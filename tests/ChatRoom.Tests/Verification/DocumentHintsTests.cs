extern alias worker;

using DocumentHints = worker::ChatRoom.Worker.Verification.DocumentHints;

namespace ChatRoom.Tests.Verification;

/// <summary>What the reviewer is shown from a document's OCR text: hints only, never a decision.</summary>
public sealed class DocumentHintsTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Fact]
    public void ALabelledCardGivesItsHoldersNameBirthDateAndMaskedNumber()
    {
        var hints = DocumentHints.Read("""
            REPUBLIC OF EXAMPLE
            IDENTITY CARD
            Surname: MUSTERMANN
            Given names: ERIKA MARIA
            Date of birth: 12.08.1990
            Date of issue: 01.03.2021
            Document No: L01X00T47
            """, Today);

        Assert.True(hints.Readable);
        Assert.Equal("ERIKA MARIA MUSTERMANN", hints.Name);
        Assert.Equal(new DateOnly(1990, 8, 12), hints.DateOfBirth);
        Assert.Equal("••••••T47", hints.DocumentNumber);
    }

    [Fact]
    public void WithoutALabelTheEarliestPlausibleDateIsTakenForTheBirthDate()
    {
        var hints = DocumentHints.Read("""
            Name: Jane Q Public
            Issued 2019-05-04  Expires 2029-05-03
            14 MAR 1987
            """, Today);

        Assert.Equal("Jane Q Public", hints.Name);
        Assert.Equal(new DateOnly(1987, 3, 14), hints.DateOfBirth);
        Assert.Null(hints.DocumentNumber);
    }

    [Fact]
    public void AMonthFirstDateIsReadAsOneWhenItCanOnlyBeThat()
    {
        var hints = DocumentHints.Read("DOB 03/25/1990 passport no X1234567 holder", Today);

        Assert.Equal(new DateOnly(1990, 3, 25), hints.DateOfBirth);
        Assert.Equal("•••••567", hints.DocumentNumber);
    }

    [Fact]
    public void DatesInTheFutureOrImpossibleOnesAreNotBirthDates()
    {
        var hints = DocumentHints.Read("Date of birth: 31.02.1990 Valid until 01.01.2031 and some more words", Today);

        Assert.Null(hints.DateOfBirth);
    }

    [Fact]
    public void TooLittleTextIsUnreadableSoAPersonReadsIt()
    {
        var hints = DocumentHints.Read(" |~ . ,\n", Today);

        Assert.False(hints.Readable);
        Assert.NotNull(hints.Note);
    }

    [Fact]
    public void TextWithoutAnythingRecognisableSaysSo()
    {
        var hints = DocumentHints.Read("The quick brown fox jumps over the lazy dog.", Today);

        Assert.True(hints.Readable);
        Assert.Null(hints.Name);
        Assert.Contains("no name", hints.Note);
    }
}
