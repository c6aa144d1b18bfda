using System.Globalization;
using System.Text;

namespace Fireside.Core.Library;

/// <summary>One chart of the insights page: a table of numbers (rows by columns) that is also drawn, and downloadable as CSV.</summary>
/// <param name="Drawn">The columns drawn as bars (the others are only in the table).</param>
public sealed record InsightChart(string Key, string Title, string Why, IReadOnlyList<string> Columns, IReadOnlyList<int> Drawn, IReadOnlyList<InsightRow> Rows)
{
    public string ToCsv()
    {
        static string Cell(string text)
        {
            // A spreadsheet reads a cell starting with = + - @ as a formula: a leading apostrophe keeps it text.
            text = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
            return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
        }

        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[] { "" }.Concat(Columns).Select(Cell)));
        foreach (var row in Rows)
        {
            csv.AppendLine(string.Join(',', new[] { Cell(row.Label) }.Concat(row.Values.Select(v => v?.ToString("0.#", CultureInfo.InvariantCulture) ?? ""))));
        }

        return csv.ToString();
    }
}

public sealed record InsightRow(string Label, IReadOnlyList<double?> Values);

/// <summary>What insights need to know of one review.</summary>
public sealed record ReviewFacts(DateTime? IncidentStartedAt, DateTime? PublishedAt, int People, IReadOnlyList<string> Themes);

/// <summary>
/// How the organisation learns, from its reviews: counts and spreads rather than averages, because one long
/// review, or one quick one, says little about learning, and an average hides both.
/// </summary>
public static class Insights
{
    public const string DaysToPublish = "days-to-publish";
    public const string PeoplePerReview = "people-per-review";
    public const string ThemesOverTime = "themes-over-time";

    public static IReadOnlyList<InsightChart> From(IReadOnlyList<ReviewFacts> reviews) =>
        [DaysToPublishChart(reviews), PeopleChart(reviews), ThemesChart(reviews)];

    private static InsightChart DaysToPublishChart(IReadOnlyList<ReviewFacts> reviews)
    {
        var rows = reviews
            .Where(r => r.IncidentStartedAt is not null && r.PublishedAt is not null)
            .GroupBy(r => r.PublishedAt!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var days = g.Select(r => Math.Max(0, (r.PublishedAt!.Value - r.IncidentStartedAt!.Value).TotalDays)).Order().ToList();
                return new InsightRow(g.Key, [days.Count, days[0], Percentile(days, 0.5), Percentile(days, 0.9), days[^1]]);
            })
            .ToList();
        return new InsightChart(
            DaysToPublish,
            "Days from the incident to the published review, by month of publishing",
            "The spread matters more than an average: a few reviews that take long can be the ones that needed the most care.",
            ["reviews", "fastest", "median", "90th percentile", "slowest"],
            [2, 3],
            rows);
    }

    private static InsightChart PeopleChart(IReadOnlyList<ReviewFacts> reviews)
    {
        (string Label, int From, int To)[] buckets = [("nobody named", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3–4", 3, 4), ("5–8", 5, 8), ("9 or more", 9, int.MaxValue)];
        return new InsightChart(
            PeoplePerReview,
            "People taking part in each review",
            "Each account adds a picture of the incident; reviews told by one or two people often miss what others saw.",
            ["reviews"],
            [0],
            [.. buckets.Select(b => new InsightRow(b.Label, [reviews.Count(r => r.People >= b.From && r.People <= b.To)]))]);
    }

    private static InsightChart ThemesChart(IReadOnlyList<ReviewFacts> reviews)
    {
        var themes = reviews.SelectMany(r => r.Themes.Distinct()).GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(6).Select(g => g.Key).ToList();
        static string Quarter(DateTime at) => $"{at.Year} Q{((at.Month - 1) / 3) + 1}";
        var rows = reviews
            .Where(r => r.IncidentStartedAt is not null)
            .GroupBy(r => Quarter(r.IncidentStartedAt!.Value))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new InsightRow(g.Key, [.. themes.Select(t => (double?)g.Count(r => r.Themes.Contains(t)))]))
            .ToList();
        return new InsightChart(
            ThemesOverTime,
            "Themes of contributing factors, by quarter of the incident (reviews per theme)",
            "A theme that comes back quarter after quarter is a pattern worth a conversation of its own.",
            themes,
            [.. Enumerable.Range(0, themes.Count)],
            rows);
    }

    /// <summary>The value below which a share of the sorted values falls (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
