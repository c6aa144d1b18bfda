using Xunit.Abstractions;

namespace Fireside.Language.Tests;

/// <summary>
/// The coach against the labelled sentences in shared/language/dev-set.tsv (a copy ships in Data/ so the
/// test never goes quiet): every category at precision ≥ 0.95 and recall ≥ 0.90, and at most 5% of the
/// "none" sentences with any finding.
/// </summary>
public sealed class DevSetTests(ITestOutputHelper output)
{
    private static readonly LanguageCoach Coach = new();

    public static IReadOnlyList<(HashSet<Category> Expected, string Sentence)> Load()
    {
        var shared = FindUp(Path.Combine("shared", "language", "dev-set.tsv"));
        var path = shared ?? Path.Combine(AppContext.BaseDirectory, "Data", "dev-set.tsv");
        return [.. File.ReadLines(path)
            .Where(l => l.Contains('\t', StringComparison.Ordinal))
            .Select(l => l.Split('\t', 2))
            .Select(p => (Labels(p[0]), p[1]))];
    }

    [Fact]
    public void DevSet_EveryCategoryMeetsPrecisionAndRecall()
    {
        var rows = Load();
        var report = new List<string>();
        var failures = new List<string>();
        foreach (var category in Enum.GetValues<Category>())
        {
            int tp = 0, fp = 0, fn = 0;
            foreach (var (expected, sentence) in rows)
            {
                var found = Found(sentence).Contains(category);
                var wanted = expected.Contains(category);
                if (found && wanted)
                {
                    tp++;
                }
                else if (found)
                {
                    fp++;
                    report.Add($"  extra {category.Name()}: {sentence}");
                }
                else if (wanted)
                {
                    fn++;
                    report.Add($"  missed {category.Name()}: {sentence}");
                }
            }

            var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
            output.WriteLine($"{category.Name(),-15} precision {precision:0.000} recall {recall:0.000} ({tp} found, {fp} extra, {fn} missed)");
            if (precision < 0.95 || recall < 0.90)
            {
                failures.Add($"{category.Name()}: precision {precision:0.000}, recall {recall:0.000}");
            }
        }

        report.ForEach(output.WriteLine);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Concat(report)));
    }

    [Fact]
    public void DevSet_AtMostFivePercentOfCleanSentencesGetAnyFinding()
    {
        var clean = Load().Where(r => r.Expected.Count == 0).ToList();
        var flagged = clean.Where(r => Coach.Check(r.Sentence).Count > 0).Select(r => r.Sentence).ToList();

        Assert.True(clean.Count > 0);
        Assert.True(flagged.Count <= clean.Count * 0.05, $"{flagged.Count} of {clean.Count} clean sentences were flagged:\n{string.Join("\n", flagged)}");
    }

    private static HashSet<Category> Found(string sentence) => [.. Coach.Check(sentence).Select(f => f.Category)];

    private static HashSet<Category> Labels(string column) =>
        column.Trim() == "none"
            ? []
            : [.. column.Split(',').Select(l => CategoryNames.TryParse(l, out var c) ? c : throw new InvalidDataException($"Unknown label {l}"))];

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
