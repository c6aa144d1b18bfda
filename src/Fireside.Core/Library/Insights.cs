using System.Globalization;
using System.Text;
using Fireside.Core.Facilitation;

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
public sealed record ReviewFacts
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public DateTime? IncidentStartedAt { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? MeetingAt { get; init; }

    /// <summary>When the actors are best interviewed by (the facilitation deadline); null when the incident has no times.</summary>
    public DateTime? InterviewsDue { get; init; }

    /// <summary>The review's actors, and how many of them had a prep interview by <see cref="InterviewsDue"/> or after it.</summary>
    public int Actors { get; init; }
    public int InterviewedInTime { get; init; }
    public int InterviewedLate { get; init; }

    /// <summary>Different people with any part in the review.</summary>
    public int People { get; init; }

    /// <summary>Different teams: those involved in the incident and those the participants are on.</summary>
    public int Teams { get; init; }

    /// <summary>People in the meeting room who were not actors: the breadth of who came to learn.</summary>
    public int OthersInRoom { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    /// <summary>The survey answers about this review, counted; null when nobody answered.</summary>
    public SurveyTally? Survey { get; init; }

    /// <summary>What the language coach found in the published text; null while the review is not published.</summary>
    public WritingFact? Writing { get; init; }
}

/// <summary>Someone in a facilitating role on one review, at the time of the incident (or of the review when there is none).</summary>
public sealed record FacilitationFact(Guid ReviewId, string Person, ParticipantRole Role, DateTime At);

/// <summary>
/// The survey answers about one review: how many, when the last came, and per statement (in the order of
/// <c>Survey.Statements</c>) how many agreed (4–5) and disagreed (1–2).
/// </summary>
public sealed record SurveyTally(int Answers, DateTime AnsweredAt, IReadOnlyList<int> Agree, IReadOnlyList<int> Disagree);

/// <summary>The words of a published review and the coach's findings in them, one count per category.</summary>
public sealed record WritingFact(int Words, IReadOnlyList<int> Findings);

/// <summary>Everything the insights page counts.</summary>
/// <param name="Reviews">The reviews in the filter.</param>
/// <param name="Facilitation">Facilitating roles on every review the reader may read, so "the first time" looks past the filter.</param>
/// <param name="WritingCategories">The coach's categories, in the order of <see cref="WritingFact.Findings"/>.</param>
/// <param name="SurveyStatements">The survey's statements, in the order of <see cref="SurveyTally"/>'s counts.</param>
/// <param name="ShowSurvey">Whether the reader may see survey answers across reviews (admins); without it the survey chart is left out.</param>
/// <param name="FirstTimes">
/// <see cref="Insights.FirstTimes"/> of <paramref name="Facilitation"/>, when the caller keeps it (it does not depend
/// on the filter); null counts it here.
/// </param>
/// <param name="FactsByReview"><see cref="Insights.ByReview"/> of <paramref name="Facilitation"/>, when the caller keeps it; null sorts them here.</param>
public sealed record InsightsInput(
    IReadOnlyList<ReviewFacts> Reviews,
    IReadOnlyList<FacilitationFact> Facilitation,
    IReadOnlyList<string> WritingCategories,
    IReadOnlyList<string> SurveyStatements,
    DateTime Now,
    bool ShowSurvey = true,
    IReadOnlyList<FacilitationFact>? FirstTimes = null,
    IReadOnlyDictionary<Guid, FacilitationFact[]>? FactsByReview = null);

/// <summary>
/// How the organisation learns, from its reviews: counts and spreads rather than averages, because one long
/// review, or one quick one, says little about learning, and an average hides both.
/// </summary>
public static class Insights
{
    public const string DaysToMeeting = "days-to-meeting";
    public const string DaysToPublish = "days-to-publish";
    public const string InterviewsInTime = "interviews-in-time";
    public const string PeoplePerReview = "people-per-review";
    public const string ThemesOverTime = "themes-over-time";
    public const string Writing = "writing";
    public const string Facilitators = "facilitators";
    public const string SurveyOverTime = "survey";

    /// <summary>Fewer answers than this in a quarter would let a reader work out one person's answers.</summary>
    public const int SurveyMinimumAnswers = 3;

    public static IReadOnlyList<InsightChart> From(InsightsInput input) =>
    [
        DaysToMeetingChart(input.Reviews),
        DaysToPublishChart(input.Reviews),
        InterviewsChart(input.Reviews, input.Now),
        PeopleChart(input.Reviews),
        ThemesChart(input.Reviews),
        WritingChart(input.Reviews, input.WritingCategories),
        FacilitatorsChart(input.Reviews, input.FactsByReview ?? ByReview(input.Facilitation), input.FirstTimes ?? FirstTimes(input.Facilitation)),
        .. input.ShowSurvey ? [SurveyChart(input.Reviews, input.SurveyStatements)] : Array.Empty<InsightChart>(),
    ];

    // Every review is grouped by its month or quarter in several charts: the labels are made once each, not per review.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Months = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Quarters = new();

    /// <summary>Months counted from year 0, in the order of their labels: grouping by a number is cheaper than by its label.</summary>
    private static int MonthNumber(DateTime at) => (at.Year * 12) + at.Month - 1;

    /// <summary>Quarters counted from year 0, in the order of their labels.</summary>
    private static int QuarterNumber(DateTime at) => (at.Year * 4) + ((at.Month - 1) / 3);

    private static string Month(int number) =>
        Months.GetOrAdd(number, k => new DateTime(k / 12, (k % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM", CultureInfo.InvariantCulture));

    private static string Quarter(int number) => Quarters.GetOrAdd(number, k => $"{k / 4} Q{(k % 4) + 1}");

    /// <summary>The bucket of <paramref name="key"/>, made when it is first asked for.</summary>
    private static T Bucket<T>(Dictionary<int, T> buckets, int key, Func<T> make)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            buckets[key] = bucket = make();
        }

        return bucket;
    }

    private static readonly string[] SpreadColumns = ["reviews", "fastest", "median", "90th percentile", "slowest"];

    /// <summary>Days between two moments of each review, spread per month of the second (one pass into a list per month, each sorted once).</summary>
    private static List<InsightRow> Spread(IEnumerable<(DateTime From, DateTime To)> spans)
    {
        var months = new Dictionary<int, List<double>>();
        foreach (var (from, to) in spans)
        {
            Bucket(months, MonthNumber(to), () => []).Add(Math.Max(0, (to - from).TotalDays));
        }

        var rows = new List<InsightRow>(months.Count);
        foreach (var (month, days) in months.OrderBy(m => m.Key))
        {
            days.Sort();
            rows.Add(new InsightRow(Month(month), [days.Count, days[0], Percentile(days, 0.5), Percentile(days, 0.9), days[^1]]));
        }

        return rows;
    }

    private static InsightChart DaysToMeetingChart(IReadOnlyList<ReviewFacts> reviews) => new(
        DaysToMeeting,
        "Days from the incident to the review meeting, by month of the meeting",
        "Memories fade and get smoothed over within days; a meeting held soon after hears more of what people saw.",
        SpreadColumns,
        [2, 3],
        Spread(reviews.Where(r => r.IncidentStartedAt is not null && r.MeetingAt is not null).Select(r => (r.IncidentStartedAt!.Value, r.MeetingAt!.Value))));

    private static InsightChart DaysToPublishChart(IReadOnlyList<ReviewFacts> reviews) => new(
        DaysToPublish,
        "Days from the incident to the published review, by month of publishing",
        "The spread matters more than an average: a few reviews that take long can be the ones that needed the most care.",
        SpreadColumns,
        [2, 3],
        Spread(reviews.Where(r => r.IncidentStartedAt is not null && r.PublishedAt is not null).Select(r => (r.IncidentStartedAt!.Value, r.PublishedAt!.Value))));

    private static InsightChart InterviewsChart(IReadOnlyList<ReviewFacts> reviews, DateTime now)
    {
        // One pass, per month of the deadline: actors, in time, late, not interviewed. Actors whose interview is
        // still ahead of its deadline are not counted yet: they are neither in time nor late.
        var months = new Dictionary<int, int[]>();
        foreach (var review in reviews)
        {
            if (review.InterviewsDue is not { } due || review.Actors <= 0)
            {
                continue;
            }

            var missing = now > due ? review.Actors - review.InterviewedInTime - review.InterviewedLate : 0;
            var actors = review.InterviewedInTime + review.InterviewedLate + missing;
            if (actors > 0)
            {
                var counts = Bucket(months, MonthNumber(due), () => new int[4]);
                counts[0] += actors;
                counts[1] += review.InterviewedInTime;
                counts[2] += review.InterviewedLate;
                counts[3] += missing;
            }
        }

        return new InsightChart(
            InterviewsInTime,
            "Actors interviewed before the meeting, by month of the interview deadline",
            "A prep interview held while memory is fresh lets each actor tell their part in their own words, before the group's story settles.",
            ["actors", "in time", "late", "not interviewed"],
            [1, 2, 3],
            [.. months.OrderBy(m => m.Key).Select(m => new InsightRow(Month(m.Key), [m.Value[0], m.Value[1], m.Value[2], m.Value[3]]))]);
    }

    private static InsightChart PeopleChart(IReadOnlyList<ReviewFacts> reviews)
    {
        (string Label, int From, int To)[] buckets = [("none", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3–4", 3, 4), ("5–8", 5, 8), ("9 or more", 9, int.MaxValue)];
        // One pass over the reviews, each of its three counts put in its bucket.
        var counts = new double[buckets.Length, 3];
        void Put(int value, int column)
        {
            for (var bucket = 0; bucket < buckets.Length; bucket++)
            {
                if (value >= buckets[bucket].From && value <= buckets[bucket].To)
                {
                    counts[bucket, column]++;
                    return;
                }
            }
        }

        foreach (var review in reviews)
        {
            Put(review.People, 0);
            Put(review.Teams, 1);
            Put(review.OthersInRoom, 2);
        }

        return new InsightChart(
            PeoplePerReview,
            "How broad each review was: people taking part, teams, and others in the room (reviews per bucket)",
            "Each account adds a picture of the incident; reviews told by one or two people, or one team, often miss what others saw. People who come to listen carry the learning to their own teams.",
            ["people taking part", "teams", "others in the room"],
            [0, 1, 2],
            [.. buckets.Select((b, k) => new InsightRow(b.Label, [counts[k, 0], counts[k, 1], counts[k, 2]]))]);
    }

    private static InsightChart ThemesChart(IReadOnlyList<ReviewFacts> reviews)
    {
        // One pass: how many reviews name each theme, overall and per quarter (a review naming a theme twice counts once).
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        var byQuarter = new Dictionary<int, Dictionary<string, int>>();
        foreach (var review in reviews)
        {
            var counts = review.IncidentStartedAt is { } at ? Bucket(byQuarter, QuarterNumber(at), () => new(StringComparer.Ordinal)) : null;
            for (var k = 0; k < review.Themes.Count; k++)
            {
                var theme = review.Themes[k];
                if (IndexOf(review.Themes, theme) < k)
                {
                    continue;
                }

                overall[theme] = overall.GetValueOrDefault(theme) + 1;
                counts?[theme] = counts.GetValueOrDefault(theme) + 1;
            }
        }

        static int IndexOf(IReadOnlyList<string> themes, string theme)
        {
            for (var k = 0; k < themes.Count; k++)
            {
                if (string.Equals(themes[k], theme, StringComparison.Ordinal))
                {
                    return k;
                }
            }

            return -1;
        }

        var themes = overall.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(6).Select(t => t.Key).ToList();
        var rows = byQuarter
            .OrderBy(q => q.Key)
            .Select(q => new InsightRow(Quarter(q.Key), [.. themes.Select(t => (double?)q.Value.GetValueOrDefault(t))]))
            .ToList();
        return new InsightChart(
            ThemesOverTime,
            "Themes of contributing factors, by quarter of the incident (reviews per theme)",
            "A theme that comes back quarter after quarter is a pattern worth a conversation of its own.",
            themes,
            [.. Enumerable.Range(0, themes.Count)],
            rows);
    }

    private static InsightChart WritingChart(IReadOnlyList<ReviewFacts> reviews, IReadOnlyList<string> categories)
    {
        // One pass, per month of publishing: reviews, words, and the findings of each category.
        var months = new Dictionary<int, long[]>();
        foreach (var review in reviews)
        {
            if (review.PublishedAt is not { } published || review.Writing is not { } writing)
            {
                continue;
            }

            var counts = Bucket(months, MonthNumber(published), () => new long[2 + categories.Count]);
            counts[0]++;
            counts[1] += writing.Words;
            for (var k = 0; k < categories.Count && k < writing.Findings.Count; k++)
            {
                counts[2 + k] += writing.Findings[k];
            }
        }

        var rows = months.OrderBy(m => m.Key).Select(m =>
        {
            var words = m.Value[1];
            var perThousand = categories.Select((_, k) => words == 0 ? (double?)null : Math.Round(m.Value[2 + k] * 1000.0 / words, 2));
            return new InsightRow(Month(m.Key), [m.Value[0], words, .. perThousand]);
        }).ToList();
        return new InsightChart(
            Writing,
            "The language coach's notes per 1,000 words of published reviews, by month of publishing",
            "Not a score for anyone: less counterfactual and single-cause wording over time shows the organisation telling its incidents as stories people can learn from.",
            ["reviews", "words", .. categories],
            [.. Enumerable.Range(2, categories.Count)],
            rows);
    }

    /// <summary>The first time each person held each role (the earliest fact, the lower review id on a tie): the same whatever the filter.</summary>
    public static IReadOnlyList<FacilitationFact> FirstTimes(IReadOnlyList<FacilitationFact> history)
    {
        var earliest = new Dictionary<(string Person, ParticipantRole Role), FacilitationFact>();
        foreach (var fact in history)
        {
            if (!earliest.TryGetValue((fact.Person, fact.Role), out var first) || fact.At < first.At || (fact.At == first.At && fact.ReviewId.CompareTo(first.ReviewId) < 0))
            {
                earliest[(fact.Person, fact.Role)] = fact;
            }
        }

        return [.. earliest.Values];
    }

    /// <summary>The facilitating roles of each review, together (the same whatever the filter; the caller may keep them).</summary>
    public static IReadOnlyDictionary<Guid, FacilitationFact[]> ByReview(IReadOnlyList<FacilitationFact> history) =>
        history.GroupBy(f => f.ReviewId).ToDictionary(g => g.Key, g => g.ToArray());

    private static InsightChart FacilitatorsChart(IReadOnlyList<ReviewFacts> reviews, IReadOnlyDictionary<Guid, FacilitationFact[]> byReview, IReadOnlyList<FacilitationFact> firstTimes)
    {
        // One pass over the reviews in the filter, each with its own few facts, per quarter: the reviews facilitated,
        // and how many each facilitator led (a review counts once for a person, however often the facts name them on it).
        var firstReviews = firstTimes.Select(f => f.ReviewId).ToHashSet();
        var firstsInFilter = new HashSet<Guid>();
        var quarters = new Dictionary<int, (int[] Facilitated, Dictionary<string, int> ByPerson)>();
        var led = new List<(int Quarter, string Person)>();
        var facilitated = new List<int>();
        foreach (var review in reviews)
        {
            if (firstReviews.Contains(review.Id))
            {
                firstsInFilter.Add(review.Id);
            }

            if (!byReview.TryGetValue(review.Id, out var facts))
            {
                continue;
            }

            led.Clear();
            facilitated.Clear();
            foreach (var fact in facts)
            {
                var quarter = QuarterNumber(fact.At);
                var counts = Bucket(quarters, quarter, () => ([0], new(StringComparer.Ordinal)));
                if (fact.Role != ParticipantRole.Facilitator)
                {
                    continue;
                }

                if (!facilitated.Contains(quarter))
                {
                    facilitated.Add(quarter);
                    counts.Facilitated[0]++;
                }

                if (!led.Contains((quarter, fact.Person)))
                {
                    led.Add((quarter, fact.Person));
                    counts.ByPerson[fact.Person] = counts.ByPerson.GetValueOrDefault(fact.Person) + 1;
                }
            }
        }

        var firsts = new Dictionary<(int Quarter, ParticipantRole Role), int>();
        foreach (var first in firstTimes)
        {
            if (firstsInFilter.Contains(first.ReviewId))
            {
                var key = (QuarterNumber(first.At), first.Role);
                firsts[key] = firsts.GetValueOrDefault(key) + 1;
            }
        }

        var rows = quarters
            .OrderBy(q => q.Key)
            .Select(q =>
            {
                double New(ParticipantRole role) => firsts.GetValueOrDefault((q.Key, role));
                var (reviewsLed, byPerson) = q.Value;
                return new InsightRow(Quarter(q.Key),
                [
                    reviewsLed[0],
                    byPerson.Count,
                    byPerson.Count == 0 ? null : byPerson.Values.Max(),
                    New(ParticipantRole.ShadowFacilitator),
                    New(ParticipantRole.CoFacilitator),
                    New(ParticipantRole.Facilitator),
                ]);
            })
            .ToList();
        return new InsightChart(
            Facilitators,
            "Who facilitates, by quarter of the incident: the load, and people new to each step (shadow, then co-facilitate, then facilitate)",
            "Reviews depend on facilitators; when one person carries most of them, the practice is fragile. New shadows and co-facilitators are how it grows.",
            ["reviews facilitated", "facilitators", "most by one person", "first time shadowing", "first time co-facilitating", "first time facilitating"],
            [1, 3, 4, 5],
            rows);
    }

    private static InsightChart SurveyChart(IReadOnlyList<ReviewFacts> reviews, IReadOnlyList<string> statements)
    {
        // One pass, per quarter of the answers: how many, then per statement how many agreed and disagreed.
        var quarters = new Dictionary<int, long[]>();
        foreach (var review in reviews)
        {
            if (review.Survey is not { Answers: > 0 } tally)
            {
                continue;
            }

            var counts = Bucket(quarters, QuarterNumber(tally.AnsweredAt), () => new long[1 + (2 * statements.Count)]);
            counts[0] += tally.Answers;
            for (var k = 0; k < statements.Count; k++)
            {
                counts[1 + k] += tally.Agree.ElementAtOrDefault(k);
                counts[1 + statements.Count + k] += tally.Disagree.ElementAtOrDefault(k);
            }
        }

        var rows = quarters.OrderBy(q => q.Key).Select(q =>
        {
            var count = q.Value[0];
            double? Share(long answers) => count < SurveyMinimumAnswers ? null : Math.Round(100.0 * answers / count, 1);
            return new InsightRow(Quarter(q.Key), [count, .. q.Value.Skip(1).Select(Share)]);
        }).ToList();
        return new InsightChart(
            SurveyOverTime,
            "What people said after each meeting, by quarter of their answers (% of answers)",
            $"The people in the room know best whether a review let them tell their part and stayed on learning; a share that drops is worth asking about. A quarter with fewer than {SurveyMinimumAnswers} answers shows no shares, so nobody's answers can be read off the chart.",
            ["answers", .. statements.Select(s => $"agree (4–5): {s}"), .. statements.Select(s => $"disagree (1–2): {s}")],
            [.. Enumerable.Range(1, statements.Count)],
            rows);
    }

    /// <summary>The value below which a share of the sorted values falls (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
