using Fireside.Core.Library;

namespace Fireside.Core.Tests;

public sealed class InsightsTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void DaysToPublish_ShowsTheSpreadPerMonth_NotAnAverage()
    {
        var charts = Insights.From(
        [
            new ReviewFacts(Start, Start.AddDays(3), 2, []),
            new ReviewFacts(Start, Start.AddDays(5), 2, []),
            new ReviewFacts(Start, Start.AddDays(30), 2, []),
            new ReviewFacts(Start, null, 1, []),
        ]);

        var days = charts.Single(c => c.Key == Insights.DaysToPublish);
        Assert.Equal(["2026-03", "2026-04"], days.Rows.Select(r => r.Label));
        // Nearest rank: the median of two is the lower one, a value that happened.
        Assert.Equal([2, 3, 3, 5, 5], days.Rows[0].Values);
        Assert.Equal([1, 30, 30, 30, 30], days.Rows[1].Values);
    }

    [Fact]
    public void PeopleAndThemes_AreCountedPerBucketAndQuarter()
    {
        var charts = Insights.From(
        [
            new ReviewFacts(Start, null, 1, ["Capacity and load"]),
            new ReviewFacts(Start.AddMonths(4), null, 6, ["Capacity and load", "Dependencies"]),
            new ReviewFacts(Start.AddMonths(4), null, 0, []),
        ]);

        var people = charts.Single(c => c.Key == Insights.PeoplePerReview);
        var themes = charts.Single(c => c.Key == Insights.ThemesOverTime);
        Assert.Equal([1, 1, 0, 0, 1, 0], people.Rows.Select(r => r.Values[0]));
        Assert.Equal(["Capacity and load", "Dependencies"], themes.Columns);
        Assert.Equal(["2026 Q1", "2026 Q3"], themes.Rows.Select(r => r.Label));
        Assert.Equal([1, 1], themes.Rows[1].Values);
    }

    [Fact]
    public void Csv_QuotesWhatNeedsIt_AndNeverStartsAFormula()
    {
        var chart = new InsightChart("k", "t", "w", ["=SUM(A1)", "a,b"], [0], [new InsightRow("@cmd", [1.5, null])]);

        var lines = chart.ToCsv().ReplaceLineEndings("\n").Split('\n');

        Assert.Equal(",'=SUM(A1),\"a,b\"", lines[0]);
        Assert.Equal("'@cmd,1.5,", lines[1]);
    }
}
