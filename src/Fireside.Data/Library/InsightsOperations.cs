using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Library;
using Fireside.Core.Meetings;
using Fireside.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Fireside.Data;

/// <summary>How long counted insights are kept (section "Insights"); 0 counts on every view.</summary>
public sealed class InsightsOptions
{
    [System.ComponentModel.DataAnnotations.Range(0, 86_400)]
    public int KeepSeconds { get; set; } = 300;
}

/// <summary>The insights page's filters: incidents from and to a day, one service and one team.</summary>
public sealed record InsightsRequest(DateOnly? From = null, DateOnly? To = null, string? Service = null, string? Team = null);

/// <summary>
/// The insights charts, over the reviews the reader may read; deleted reviews never count. Each review is one
/// narrow row kept beside the search index (<see cref="ReviewInsight"/>, <see cref="WritingStat"/>), so nothing
/// is read per person, interview or answer.
/// Every readable review's facts are read once and kept for <see cref="InsightsOptions.KeepSeconds"/> (at 100,000
/// reviews reading them takes seconds); each view filters them in memory and counts its charts from them, so a
/// filter by dates, service or team does not read the library again. The background recount reads them afresh.
/// The charts themselves are also kept, per what the reader may read, for the whole organisation and for one
/// existing service or team. They describe months and quarters, so a few minutes' delay costs little.
/// </summary>
public sealed class InsightsOperations(
    FiresideDb db, Permissions permissions, TimeProvider clock, IOptions<FacilitationOptions> facilitation, IMemoryCache? cache = null, IOptions<InsightsOptions>? options = null)
{
    private readonly TimeSpan _keep = TimeSpan.FromSeconds(options?.Value.KeepSeconds ?? new InsightsOptions().KeepSeconds);

    /// <summary>The charts for this filter: those kept from an earlier reader when they are fresh enough, else counted now.</summary>
    public async Task<IReadOnlyList<InsightChart>> ChartsAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        Check(request);
        // Charts kept for a narrowed view may count a restricted review, so a reader it is closed to counts their own.
        var shared = !Narrowed(request) || (await permissions.ClosedReviewsAsync(cancellationToken)).Count == 0;
        if (shared && cache is not null && _keep > TimeSpan.Zero && cache.TryGetValue(Key(request), out IReadOnlyList<InsightChart>? charts) && charts is not null)
        {
            return charts;
        }

        (charts, var keepable) = await CountAsync(request, await LibraryAsync(afresh: false, cancellationToken), cancellationToken);
        if (keepable)
        {
            Keep(Key(request), charts);
        }

        return charts;
    }

    /// <summary>Reads every review's facts afresh, then counts the charts for this filter and keeps both (the background recount calls this for the whole organisation).</summary>
    public async Task<IReadOnlyList<InsightChart>> RecountAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        Check(request);
        var (charts, _) = await CountAsync(request, await LibraryAsync(afresh: true, cancellationToken), cancellationToken);
        Keep(Key(request), charts);
        return charts;
    }

    private void Keep(object key, object value)
    {
        if (cache is not null && _keep > TimeSpan.Zero)
        {
            cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _keep, Size = 1 });
        }
    }

    private static void Check(InsightsRequest request)
    {
        var errors = new ValidationErrors();
        LibraryFilters.CheckLabel("service", "service", request.Service, errors);
        LibraryFilters.CheckLabel("team", "team", request.Team, errors);
        LibraryFilters.CheckDays(request.From, request.To, errors);
        ReviewOperations.Throw(errors);
    }

    private (string, string, InsightsRequest) Key(InsightsRequest request) => ("insights", permissions.ReadScope, request);

    /// <summary>
    /// Every review that counts in the organisation's numbers, with the day it counts on (the incident's start, or when the review was
    /// made), and who facilitated what, for the charts of any filter. Shared by everyone who reads the same reviews.
    /// </summary>
    private sealed record Library(
        IReadOnlyList<(ReviewFacts Facts, DateTime Day)> Reviews,
        IReadOnlyList<FacilitationFact> History,
        IReadOnlyList<FacilitationFact> FirstTimes,
        IReadOnlyDictionary<Guid, FacilitationFact[]> FactsByReview);

    /// <summary>The reviews' facts kept from an earlier reader (unless <paramref name="afresh"/>), else read now and kept.</summary>
    private async Task<Library> LibraryAsync(bool afresh, CancellationToken cancellationToken)
    {
        var key = ("insights-library", permissions.ReadableReviewsScope);
        if (!afresh && cache is not null && _keep > TimeSpan.Zero && cache.TryGetValue(key, out Library? kept) && kept is not null)
        {
            return kept;
        }

        var options = facilitation.Value;
        // One row per review: its own times, and what the index keeps beside it (ReviewInsight, WritingStat).
        // Restricted reviews count too: the charts are numbers, never a title or a word of the review.
        var rows = await Rows(permissions.CountedReviews()).ToListAsync(cancellationToken);
        // Someone's first time facilitating is their first anywhere the reader can see, whatever the filter.
        var history = rows
            .Where(r => r.Insight?.Facilitators is not null)
            .SelectMany(r => r.Insight!.FacilitatorsByRole().Select(f => new FacilitationFact(r.Id, f.Person, f.Role, r.IncidentStartedAt ?? r.CreatedAt)))
            .ToList();

        var facts = rows.Select(r =>
        {
            var insight = r.Insight;
            var due = FacilitationRules.DeadlineBase(new Core.Reviews.Review { IncidentStartedAt = r.IncidentStartedAt, ResolvedAt = r.ResolvedAt }, options)?.AddDays(options.InterviewDays);
            var interviews = insight?.InterviewTimes().ToList() ?? [];
            return (new ReviewFacts
            {
                Id = r.Id,
                IncidentStartedAt = r.IncidentStartedAt,
                PublishedAt = r.PublishedAt,
                MeetingAt = insight?.MeetingAt,
                InterviewsDue = due,
                Actors = insight?.Actors ?? 0,
                InterviewedInTime = due is null ? 0 : interviews.Count(at => at <= due),
                InterviewedLate = due is null ? 0 : interviews.Count(at => at > due),
                People = insight?.People ?? 0,
                Teams = insight?.Teams ?? 0,
                OthersInRoom = insight?.OthersInRoom ?? 0,
                Themes = [.. ReviewInsight.Lines(insight?.Themes)],
                Survey = insight is { SurveyAnswers: > 0, SurveyAnsweredAt: { } answeredAt }
                    ? new SurveyTally(
                        insight.SurveyAnswers,
                        answeredAt,
                        [insight.ToldMyPartAgree, insight.StayedOnLearningAgree, insight.UnderstandBetterAgree],
                        [insight.ToldMyPartDisagree, insight.StayedOnLearningDisagree, insight.UnderstandBetterDisagree])
                    : null,
                Writing = r.PublishedAt is not null && r.Writing is { } w ? new WritingFact(w.Words, w.Findings) : null,
            }, r.IncidentStartedAt ?? r.CreatedAt);
        }).ToList();

        var library = new Library(facts, history, Insights.FirstTimes(history), Insights.ByReview(history));
        Keep(key, library);
        return library;
    }

    /// <summary>
    /// The charts for this filter, and whether they may be kept: the whole organisation's and those of one service or
    /// team that exists, as typed; any other filter (dates, a made-up name) is counted on each view from the kept
    /// facts, so nobody can fill the memory with filters.
    /// </summary>
    private async Task<(IReadOnlyList<InsightChart> Charts, bool Keepable)> CountAsync(InsightsRequest request, Library library, CancellationToken cancellationToken)
    {
        var (since, before) = LibraryFilters.Bounds(request.From, request.To);
        var services = await LabelledAsync(SearchLabel.Service, request.Service, cancellationToken);
        var teams = await LabelledAsync(SearchLabel.Team, request.Team, cancellationToken);
        // The whole organisation's charts count every review; a narrowed view (dates, a service, a team) only
        // those the reader may read, so that a narrow filter cannot single out a restricted review.
        var closed = Narrowed(request) ? await permissions.ClosedReviewsAsync(cancellationToken) : new HashSet<Guid>();
        var facts = library.Reviews
            .Where(r => (since is null || r.Day >= since) && (before is null || r.Day < before)
                && (services is null || services.Contains(r.Facts.Id)) && (teams is null || teams.Contains(r.Facts.Id))
                && (closed.Count == 0 || !closed.Contains(r.Facts.Id)))
            .Select(r => r.Facts)
            .ToList();
        static bool Exists(string? value, HashSet<Guid>? labelled) => value is null || (value == value.Trim() && labelled is { Count: > 0 });

        // Survey answers belong to each review's facilitators; across reviews only admins see them, so a narrow
        // filter can never single out one review's answers for someone else.
        var charts = Insights.From(new InsightsInput(facts, library.History, CategoryNames.All, Survey.Statements, clock.GetUtcNow().UtcDateTime, permissions.ReadsAllSurveys, library.FirstTimes, library.FactsByReview));
        return (charts, closed.Count == 0 && request.From is null && request.To is null && Exists(request.Service, services) && Exists(request.Team, teams));
    }

    private static bool Narrowed(InsightsRequest request) =>
        request.From is not null || request.To is not null || !string.IsNullOrWhiteSpace(request.Service) || !string.IsNullOrWhiteSpace(request.Team);

    /// <summary>The reviews with this label (a service or team), or null for no filter; the same match as <see cref="LibraryFilters.WithLabel(IQueryable{Core.Reviews.Review}, FiresideDb, string, string?)"/>.</summary>
    private async Task<HashSet<Guid>?> LabelledAsync(string kind, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var wanted = value.Trim();
        return [.. await db.SearchLabels.Where(l => l.Kind == kind && l.Value == wanted).Select(l => l.ReviewId).ToListAsync(cancellationToken)];
    }

    private sealed record Row(
        Guid Id, DateTime? IncidentStartedAt, DateTime? ResolvedAt, DateTime CreatedAt, DateTime? PublishedAt, ReviewInsight? Insight, WritingStat? Writing);

    /// <summary>Each review's own times and what is kept beside the index, read as plain columns (no entities to build).</summary>
    private IQueryable<Row> Rows(IQueryable<Core.Reviews.Review> reviews) =>
        from r in reviews
        join insight in db.ReviewInsights on r.Id equals insight.ReviewId into insights
        from i in insights.DefaultIfEmpty()
        join stat in db.WritingStats on r.Id equals stat.ReviewId into stats
        from w in stats.DefaultIfEmpty()
        select new Row(
            r.Id,
            r.IncidentStartedAt,
            r.ResolvedAt,
            r.CreatedAt,
            r.PublishedAt,
            i == null ? null : new ReviewInsight
            {
                MeetingAt = i.MeetingAt,
                People = i.People,
                Teams = i.Teams,
                OthersInRoom = i.OthersInRoom,
                Actors = i.Actors,
                ActorInterviews = i.ActorInterviews,
                Themes = i.Themes,
                Facilitators = i.Facilitators,
                SurveyAnswers = i.SurveyAnswers,
                SurveyAnsweredAt = i.SurveyAnsweredAt,
                ToldMyPartAgree = i.ToldMyPartAgree,
                StayedOnLearningAgree = i.StayedOnLearningAgree,
                UnderstandBetterAgree = i.UnderstandBetterAgree,
                ToldMyPartDisagree = i.ToldMyPartDisagree,
                StayedOnLearningDisagree = i.StayedOnLearningDisagree,
                UnderstandBetterDisagree = i.UnderstandBetterDisagree,
            },
            w == null ? null : new WritingStat { Words = w.Words, Counterfactual = w.Counterfactual, RootCause = w.RootCause, Blame = w.Blame, Hindsight = w.Hindsight, Minimizing = w.Minimizing });
}
