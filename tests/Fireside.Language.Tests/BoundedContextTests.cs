using System.Text;

namespace Fireside.Language.Tests;

/// <summary>
/// The coach's time grows with the length of the text, not its square: rules only look around a word
/// within its sentence, and a "sentence" never runs longer than <see cref="Scanner.MaxSentenceWords"/>
/// words, even in a megabyte without a full stop. The time itself is measured in bench/coach.sh.
/// </summary>
public sealed class BoundedContextTests
{
    private static readonly LanguageCoach Coach = new();

    [Fact]
    public void TextWithoutPunctuation_IsHandedToRulesInBoundedSentences()
    {
        var text = string.Concat(Enumerable.Repeat("we should have just paged them ", 40_000));
        var longest = 0;
        var words = 0;
        new Scanner(text, markdown: true, tokens =>
        {
            foreach (var token in tokens)
            {
                words = token.Kind == TokenKind.Stop ? 0 : token.Kind == TokenKind.Word ? words + 1 : words;
                longest = Math.Max(longest, words);
            }
        }).Run();

        Assert.InRange(longest, Scanner.MaxSentenceWords / 2, Scanner.MaxSentenceWords);
    }

    [Fact]
    public void TextWithoutPunctuation_StillGetsItsFindings()
    {
        var text = string.Concat(Enumerable.Repeat("then someone said the root cause was operator error ", 5_000));

        var findings = Coach.Check(text);

        // Each repeat of nine words holds one root-cause and one blame finding; each cut between
        // "sentences" may split at most one of each.
        var cuts = (9 * 5_000 / Scanner.MaxSentenceWords) + 1;
        Assert.InRange(findings.Count(f => f.Category == Category.RootCause), 5_000 - cuts, 5_000);
        Assert.InRange(findings.Count(f => f.Category == Category.Blame), 5_000 - cuts, 5_000);
    }

    [Theory]
    [InlineData("` `` ``` ```` ")]
    [InlineData("<a <b <c ")]
    [InlineData("<!-- fireside-disable minimizing -->just<!-- fireside-enable minimizing --> we simply restarted it ")]
    public void MarkupThatNeverCloses_IsReadInOnePass(string piece)
    {
        var builder = new StringBuilder();
        while (builder.Length < 200_000)
        {
            builder.Append(piece);
        }

        // A line full of unmatched marks: the result is the same as for a short piece of it, repeated.
        var text = builder.ToString();
        var findings = Coach.Check(text);

        Assert.All(findings, f => Assert.Equal(text[f.Start..f.End], f.Text));
        if (piece.Contains("fireside-disable", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(findings, f => f.Text == "just");
            Assert.Contains(findings, f => f.Text == "simply");
        }
    }
}
