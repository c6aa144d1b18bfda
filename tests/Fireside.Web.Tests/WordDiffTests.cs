using CsCheck;
using Fireside.Web.Features.Reviews;

namespace Fireside.Web.Tests;

public sealed class WordDiffTests
{
    private static string Side(IReadOnlyList<(string Text, DiffPiece Kind)> pieces, DiffPiece leftOut) =>
        string.Concat(pieces.Where(p => p.Kind != leftOut).Select(p => p.Text));

    [Fact]
    public void AChangedWord_IsTakenOutAndPutIn_TheRestStays()
    {
        var pieces = WordDiff.Between("The cache was cold.", "The cache was cold after the deploy.");

        Assert.Contains(pieces, p => p.Kind == DiffPiece.Added && p.Text.Contains("after the deploy", StringComparison.Ordinal));
        Assert.DoesNotContain(pieces, p => p.Kind == DiffPiece.Removed && p.Text.Contains("cache", StringComparison.Ordinal));
        Assert.Equal("The cache was cold.", Side(pieces, DiffPiece.Added));
        Assert.Equal("The cache was cold after the deploy.", Side(pieces, DiffPiece.Removed));
    }

    [Fact]
    public void AnyTwoTexts_GiveBackBothSides()
    {
        string[] words = ["cache", "cold", " ", "\n", ".", "deploy", "Priya", "é", "🔥", "", "  ", "\t", "—"];
        var texts = Gen.Int[0, words.Length - 1].Select(k => words[k]).Array[0, 30].Select(string.Concat);
        Gen.Select(texts, texts).Sample((before, after) =>
        {
            var pieces = WordDiff.Between(before, after);
            return Side(pieces, DiffPiece.Added) == before && Side(pieces, DiffPiece.Removed) == after;
        }, iter: 2000);
    }
}
