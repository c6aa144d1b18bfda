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
public sealed record InsightsInput(
    IReadOnlyList<ReviewFacts> Reviews,
    IReadOnlyList<FacilitationFact> Facilitation,
    IReadOnlyList<string> WritingCategories,
    IReadOnlyList<string> SurveyStatements,
    DateTime Now,
    bool ShowSurvey = true,
    IReadOnlyList<FacilitationFact>? FirstTimes = null);

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
        FacilitatorsChart(input.Reviews, input.Facilitation, input.FirstTimes ?? FirstTimes(input.Facilitation)),
        .. input.ShowSurvey ? [SurveyChart(input.Reviews, input.SurveyStatements)] : Array.Empty<InsightChart>(),
    ];

    // Every review is grouped by its month or quarter in several charts: the labels are made once each, not per review.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Months = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Quarters = new();

    /// <summary>Months counted from year 0, in the order of their labels: grouping by a number is cheaper than by its label.</summary>
    private static int MonthNumber(DateTime at) => (at.Year * 12) + at.Month - 1;

    private static string Month(DateTime at) =>
        Months.GetOrAdd((at.Year * 12) + at.Month - 1, k => new DateTime(k / 12, (k % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM", CultureInfo.InvariantCulture));

    private static string Quarter(DateTime at) => Quarters.GetOrAdd((at.Year * 4) + ((at.Month - 1) / 3), k => $"{k / 4} Q{(k % 4) + 1}");

    private static readonly string[] SpreadColumns = ["reviews", "fastest", "median", "90th percentile", "slowest"];

    /// <summary>Days between two moments of each review, spread per month of the second (one pass into a list per month, each sorted once).</summary>
    private static List<InsightRow> Spread(IEnumerable<(DateTime From, DateTime To)> spans)
    {
        var months = new Dictionary<int, (DateTime First, List<double> Days)>();
        foreach (var (from, to) in spans)
        {
            var month = MonthNumber(to);
            if (!months.TryGetValue(month, out var bucket))
            {
                months[month] = bucket = (to, []);
            }

            bucket.Days.Add(Math.Max(0, (to - from).TotalDays));
        }

        var rows = new List<InsightRow>(months.Count);
        foreach (var (_, (first, days)) in months.OrderBy(m => m.Key))
        {
            days.Sort();
            rows.Add(new InsightRow(Month(first), [days.Count, days[0], Percentile(days, 0.5), Percentile(days, 0.9), days[^1]]));
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
        // Actors whose interview is still ahead of its deadline are not counted yet: they are neither in time nor late.
        var rows = reviews
            .Where(r => r.InterviewsDue is not null && r.Actors > 0)
            .Select(r =>
            {
                var missing = r.Actors - r.InterviewedInTime - r.InterviewedLate;
                var counted = now > r.InterviewsDue ? missing : 0;
                return (Due: r.InterviewsDue!.Value, Actors: r.InterviewedInTime + r.InterviewedLate + counted, r.InterviewedInTime, r.InterviewedLate, Missing: counted);
            })
            .Where(r => r.Actors > 0)
            .GroupBy(r => MonthNumber(r.Due))
            .OrderBy(g => g.Key)
            .Select(g => new InsightRow(Month(g.First().Due), [g.Sum(r => r.Actors), g.Sum(r => r.InterviewedInTime), g.Sum(r => r.InterviewedLate), g.Sum(r => r.Missing)]))
            .ToList();
        return new InsightChart(
            InterviewsInTime,
            "Actors interviewed before the meeting, by month of the interview deadline",
            "A prep interview held while memory is fresh lets each actor tell their part in their own words, before the group's story settles.",
            ["actors", "in time", "late", "not interviewed"],
            [1, 2, 3],
            rows);
    }

    private static InsightChart PeopleChart(IReadOnlyList<ReviewFacts> reviews)
    {
        (string Label, int From, int To)[] buckets = [("none", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3–4", 3, 4), ("5–8", 5, 8), ("9 or more", 9, int.MaxValue)];
        // One pass over the reviews, each of its three counts put in its bucket.
        var counts = new double[buckets.Length, 3];
        void Put(int value, int column)
        {
            var bucket = Array.FindIndex(buckets, b => value >= b.From && value <= b.To);
            if (bucket >= 0)
            {
                counts[bucket, column]++;
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
        var byQuarter = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var review in reviews)
        {
            var counts = review.IncidentStartedAt is { } at ? Counts(Quarter(at)) : null;
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

        Dictionary<string, int> Counts(string quarter) =>
            byQuarter.TryGetValue(quarter, out var counts) ? counts : byQuarter[quarter] = new(StringComparer.Ordinal);

        var themes = overall.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(6).Select(t => t.Key).ToList();
        var rows = byQuarter
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => new InsightRow(q.Key, [.. themes.Select(t => (double?)q.Value.GetValueOrDefault(t))]))
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
        var rows = reviews
            .Where(r => r.PublishedAt is not null && r.Writing is not null)
            .GroupBy(r => MonthNumber(r.PublishedAt!.Value))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var words = g.Sum(r => (long)r.Writing!.Words);
                var perThousand = categories.Select((_, k) => words == 0 ? (double?)null : Math.Round(g.Sum(r => (long)r.Writing!.Findings.ElementAtOrDefault(k)) * 1000.0 / words, 2));
                return new InsightRow(Month(g.First().PublishedAt!.Value), [g.Count(), words, .. perThousand]);
            })
            .ToList();
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

    private static InsightChart FacilitatorsChart(IReadOnlyList<ReviewFacts> reviews, IReadOnlyList<FacilitationFact> history, IReadOnlyList<FacilitationFact> firstTimes)
    {
        var inFilter = new HashSet<Guid>(reviews.Count);
        foreach (var review in reviews)
        {
            inFilter.Add(review.Id);
        }

        // Quarters by number (year × 4 + quarter), labelled only once they are rows.
        static int QuarterNumber(DateTime at) => (at.Year * 4) + ((at.Month - 1) / 3);
        var firsts = new Dictionary<(int Quarter, ParticipantRole Role), int>();
        foreach (var first in firstTimes)
        {
            if (inFilter.Contains(first.ReviewId))
            {
                var key = (QuarterNumber(first.At), first.Role);
                firsts[key] = firsts.GetValueOrDefault(key) + 1;
            }
        }

        // One pass over the facts in the filter, per quarter: the reviews facilitated, and how many each facilitator led
        // (a review counts once for a person, however often the facts name them on it).
        var quarters = new Dictionary<int, (DateTime At, HashSet<Guid> Facilitated, Dictionary<string, int> ByPerson)>();
        var led = new HashSet<(string Person, Guid ReviewId)>();
        foreach (var fact in history)
        {
            if (!inFilter.Contains(fact.ReviewId))
            {
                continue;
            }

            var quarter = QuarterNumber(fact.At);
            if (!quarters.TryGetValue(quarter, out var counts))
            {
                quarters[quarter] = counts = (fact.At, [], new(StringComparer.Ordinal));
            }

            if (fact.Role == ParticipantRole.Facilitator)
            {
                counts.Facilitated.Add(fact.ReviewId);
                if (led.Add((fact.Person, fact.ReviewId)))
                {
                    counts.ByPerson[fact.Person] = counts.ByPerson.GetValueOrDefault(fact.Person) + 1;
                }
            }
        }

        var rows = quarters
            .OrderBy(q => q.Key)
            .Select(q =>
            {
                double New(ParticipantRole role) => firsts.GetValueOrDefault((q.Key, role));
                var (at, facilitated, byPerson) = q.Value;
                return new InsightRow(Quarter(at),
                [
                    facilitated.Count,
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
        var rows = reviews
            .Where(r => r.Survey is { Answers: > 0 })
            .Select(r => r.Survey!)
            .GroupBy(t => Quarter(t.AnsweredAt))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var count = g.Sum(t => t.Answers);
                double? Share(Func<SurveyTally, int> answers) => count < SurveyMinimumAnswers ? null : Math.Round(100.0 * g.Sum(answers) / count, 1);
                var agree = statements.Select((_, k) => Share(t => t.Agree.ElementAtOrDefault(k)));
                var disagree = statements.Select((_, k) => Share(t => t.Disagree.ElementAtOrDefault(k)));
                return new InsightRow(g.Key, [count, .. agree, .. disagree]);
            })
            .ToList();
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
