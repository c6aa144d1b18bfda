using System.Text;
using CsCheck;
using Fireside.Language;
using Fireside.Testing;

namespace Fireside.Language.Tests;

/// <summary>
/// The coach reads whatever people paste: chat logs, code, half-written Markdown, other scripts. Damaged
/// versions of the labelled sentences never make it throw, and every finding points inside the text it was given.
/// </summary>
public sealed class CoachFuzzTests
{
    private static readonly LanguageCoach Coach = new();

    [Fact]
    public void DamagedText_NeverThrows_AndFindingsStayInsideTheText()
    {
        var sample = string.Join("\n", File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "dev-set.tsv")).Take(120).Select(l => l.Split('\t')[0]));
        var original = Encoding.UTF8.GetBytes("# Review\n\n> quoted\n\n```\ncode\n```\n\n" + sample);

        Gen.Select(Fuzz.Damaged(original), Gen.Bool).Sample(t =>
        {
            var text = Encoding.UTF8.GetString(t.Item1);
            foreach (var finding in Coach.Check(text, t.Item2 ? TextKind.Markdown : TextKind.Plain))
            {
                Assert.InRange(finding.Start, 0, text.Length);
                Assert.InRange(finding.End, finding.Start, text.Length);
                Assert.Equal(text[finding.Start..finding.End], finding.Text);
                Assert.True(finding.Line >= 1 && finding.Column >= 1, $"{finding.Rule} at {finding.Line}:{finding.Column}");
            }
        }, seed: Fuzz.Seed, iter: Fuzz.Cases, threads: 1, print: t => Encoding.UTF8.GetString(t.Item1));
    }
}
