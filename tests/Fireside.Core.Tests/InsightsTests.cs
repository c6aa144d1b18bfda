using Fireside.Core.Facilitation;
using Fireside.Core.Library;

namespace Fireside.Core.Tests;

public sealed class InsightsTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private static IReadOnlyList<InsightChart> Charts(IReadOnlyList<ReviewFacts> reviews, IReadOnlyList<FacilitationFact>? facilitation = null, DateTime? now = null) =>
        Insights.From(new InsightsInput(reviews, facilitation ?? [], ["counterfactual", "blame"], ["told", "learning", "understand"], now ?? Start.AddYears(1)));

    private static ReviewFacts Review(DateTime? started, DateTime? published = null, int people = 0, params string[] themes) =>
        new() { IncidentStartedAt = started, PublishedAt = published, People = people, Themes = themes };

    [Fact]
    public void DaysToPublish_ShowsTheSpreadPerMonth_NotAnAverage()
    {
        var charts = Charts(
        [
            Review(Start, Start.AddDays(3), 2),
            Review(Start, Start.AddDays(5), 2),
            Review(Start, Start.AddDays(30), 2),
            Review(Start, null, 1),
        ]);

        var days = charts.Single(c => c.Key == Insights.DaysToPublish);
        Assert.Equal(["2026-03", "2026-04"], days.Rows.Select(r => r.Label));
        // Nearest rank: the median of two is the lower one, a value that happened.
        Assert.Equal([2, 3, 3, 5, 5], days.Rows[0].Values);
        Assert.Equal([1, 30, 30, 30, 30], days.Rows[1].Values);
    }

    [Fact]
    public void DaysToMeeting_CountsOnlyReviewsWithAMeeting()
    {
        var charts = Charts(
        [
            Review(Start) with { MeetingAt = Start.AddDays(6) },
            Review(Start) with { MeetingAt = Start.AddDays(20) },
            Review(Start),
        ]);

        var meeting = charts.Single(c => c.Key == Insights.DaysToMeeting);
        Assert.Equal(["2026-03"], meeting.Rows.Select(r => r.Label));
        Assert.Equal([2, 6, 6, 20, 20], meeting.Rows[0].Values);
    }

    [Fact]
    public void PeopleAndThemes_AreCountedPerBucketAndQuarter()
    {
        var charts = Charts(
        [
            Review(Start, null, 1, "Capacity and load") with { Teams = 1, OthersInRoom = 3 },
            Review(Start.AddMonths(4), null, 6, "Capacity and load", "Dependencies") with { Teams = 2 },
            Review(Start.AddMonths(4), null, 0),
        ]);

        var people = charts.Single(c => c.Key == Insights.PeoplePerReview);
        var themes = charts.Single(c => c.Key == Insights.ThemesOverTime);
        Assert.Equal([1, 1, 0, 0, 1, 0], people.Rows.Select(r => r.Values[0]));
        Assert.Equal([1, 1, 1, 0, 0, 0], people.Rows.Select(r => r.Values[1]));
        Assert.Equal([2, 0, 0, 1, 0, 0], people.Rows.Select(r => r.Values[2]));
        Assert.Equal(["Capacity and load", "Dependencies"], themes.Columns);
        Assert.Equal(["2026 Q1", "2026 Q3"], themes.Rows.Select(r => r.Label));
        Assert.Equal([1, 1], themes.Rows[1].Values);
    }

    [Fact]
    public void Interviews_AreInTimeLateOrMissing_AndThoseStillAheadWait()
    {
        var due = Start.AddDays(2);
        var now = Start.AddDays(40);
        var charts = Charts(
        [
            Review(Start) with { InterviewsDue = due, Actors = 3, InterviewedInTime = 1, InterviewedLate = 1 },
            Review(now.AddDays(-1)) with { InterviewsDue = now.AddDays(1), Actors = 2, InterviewedInTime = 1 },
            Review(Start) with { InterviewsDue = null, Actors = 1 },
        ], now: now);

        var interviews = charts.Single(c => c.Key == Insights.InterviewsInTime);
        Assert.Equal(["2026-03", "2026-04"], interviews.Rows.Select(r => r.Label));
        Assert.Equal([3, 1, 1, 1], interviews.Rows[0].Values);
        // The actor not yet interviewed still has a day: not counted as missing.
        Assert.Equal([1, 1, 0, 0], interviews.Rows[1].Values);
    }

    [Fact]
    public void Writing_IsFindingsPerThousandWords_ByMonthOfPublishing()
    {
        var charts = Charts(
        [
            Review(Start, Start.AddDays(3)) with { Writing = new WritingFact(1500, [3, 0]) },
            Review(Start, Start.AddDays(4)) with { Writing = new WritingFact(500, [1, 2]) },
            Review(Start, null) with { Writing = new WritingFact(500, [9, 9]) },
        ]);

        var writing = charts.Single(c => c.Key == Insights.Writing);
        Assert.Equal(["reviews", "words", "counterfactual", "blame"], writing.Columns);
        Assert.Equal([2, 2000, 2, 1], writing.Rows.Single().Values);
    }

    [Fact]
    public void Facilitators_ShowLoadAndFirstTimes_CountingHistoryOutsideTheFilter()
    {
        var older = Guid.NewGuid();
        var a = Review(Start);
        var b = Review(Start.AddDays(10));
        FacilitationFact[] history =
        [
            new(older, "ana", ParticipantRole.Facilitator, Start.AddYears(-1)),
            new(a.Id, "ana", ParticipantRole.Facilitator, Start),
            new(b.Id, "ana", ParticipantRole.Facilitator, Start.AddDays(10)),
            new(a.Id, "ben", ParticipantRole.ShadowFacilitator, Start),
            new(b.Id, "ben", ParticipantRole.CoFacilitator, Start.AddDays(10)),
        ];

        var charts = Charts([a, b], history);

        var facilitators = charts.Single(c => c.Key == Insights.Facilitators);
        // Two reviews led, one person leading both; Ben is new as a shadow and as a co-facilitator, Ana is not new.
        Assert.Equal([2, 1, 2, 1, 1, 0], facilitators.Rows.Single().Values);

        // The first times, kept by the caller (they do not depend on the filter), give the same chart; a fact named
        // twice counts once for its person.
        var kept = Insights.From(new InsightsInput([a, b], [.. history, history[1]], [], [], Start.AddYears(1), FirstTimes: Insights.FirstTimes(history)));
        Assert.Equal([2, 1, 2, 1, 1, 0], kept.Single(c => c.Key == Insights.Facilitators).Rows.Single().Values);
    }

    [Fact]
    public void Survey_ShowsShares_OnlyWhenEnoughPeopleAnswered()
    {
        var charts = Charts(
        [
            Review(Start) with { Survey = new SurveyTally(3, Start, [2, 3, 1], [1, 0, 1]) },
            Review(Start) with { Survey = new SurveyTally(1, Start, [1, 1, 1], [0, 0, 0]) },
            Review(Start.AddMonths(6)) with { Survey = new SurveyTally(1, Start.AddMonths(6), [1, 1, 1], [0, 0, 0]) },
        ]);

        var survey = charts.Single(c => c.Key == Insights.SurveyOverTime);
        Assert.Equal(["2026 Q1", "2026 Q3"], survey.Rows.Select(r => r.Label));
        Assert.Equal([4, 75, 100, 50, 25, 0, 25], survey.Rows[0].Values);
        Assert.Equal([1, null, null, null, null, null, null], survey.Rows[1].Values);
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
