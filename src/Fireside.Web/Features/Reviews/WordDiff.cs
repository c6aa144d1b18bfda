using DiffPlex;
using DiffPlex.Chunkers;

namespace Fireside.Web.Features.Reviews;

/// <summary>How one piece of a word diff reads: the same in both, taken out, or put in.</summary>
public enum DiffPiece
{
    Same,
    Removed,
    Added,
}

/// <summary>
/// A change to a text as words taken out and put in (DiffPlex, word by word), for the history page. The pieces,
/// read in order and leaving out either the added or the removed ones, give back the text before or after.
/// </summary>
public static class WordDiff
{
    /// <summary>Texts longer than this are shown whole, before and after: a word diff of them says little and costs much.</summary>
    public const int MaxLength = 20_000;

    public static IReadOnlyList<(string Text, DiffPiece Kind)> Between(string? before, string? after)
    {
        before ??= "";
        after ??= "";
        if (before.Length > MaxLength || after.Length > MaxLength)
        {
            return [(before, DiffPiece.Removed), (after, DiffPiece.Added)];
        }

        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, WordChunker.Instance);
        var pieces = new List<(string Text, DiffPiece Kind)>();
        void Add(string text, DiffPiece kind)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (pieces.Count > 0 && pieces[^1].Kind == kind)
            {
                pieces[^1] = (pieces[^1].Text + text, kind);
            }
            else
            {
                pieces.Add((text, kind));
            }
        }

        var inOld = 0;
        var inNew = 0;
        foreach (var block in diff.DiffBlocks)
        {
            while (inOld < block.DeleteStartA)
            {
                Add(diff.PiecesOld[inOld++], DiffPiece.Same);
                inNew++;
            }

            Add(string.Concat(diff.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA)), DiffPiece.Removed);
            Add(string.Concat(diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB)), DiffPiece.Added);
            inOld = block.DeleteStartA + block.DeleteCountA;
            inNew = block.InsertStartB + block.InsertCountB;
        }

        while (inOld < diff.PiecesOld.Count)
        {
            Add(diff.PiecesOld[inOld++], DiffPiece.Same);
        }

        return pieces;
    }
}
