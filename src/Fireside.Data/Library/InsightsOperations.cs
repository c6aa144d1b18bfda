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
/// The charts are kept for <see cref="InsightsOptions.KeepSeconds"/> per what the reader may read, for the whole
/// organisation and for one existing service or team: they describe months and quarters, so a few minutes' delay
/// costs little, and a busy page does not count every review again (at 100,000 reviews that takes seconds).
/// </summary>
public sealed class InsightsOperations(
    FiresideDb db, Permissions permissions, TimeProvider clock, IOptions<FacilitationOptions> facilitation, IMemoryCache? cache = null, IOptions<InsightsOptions>? options = null)
{
    private readonly TimeSpan _keep = TimeSpan.FromSeconds(options?.Value.KeepSeconds ?? new InsightsOptions().KeepSeconds);

    /// <summary>The charts for this filter: those kept from an earlier reader when they are fresh enough, else counted now.</summary>
    public async Task<IReadOnlyList<InsightChart>> ChartsAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        Check(request);
        if (cache is not null && _keep > TimeSpan.Zero && cache.TryGetValue(Key(request), out IReadOnlyList<InsightChart>? charts) && charts is not null)
        {
            return charts;
        }

        return await KeepableAsync(request, cancellationToken) ? await RecountAsync(request, cancellationToken) : await CountAsync(request, cancellationToken);
    }

    /// <summary>
    /// Kept are the whole organisation's charts and those of one service or team that exists; any other filter
    /// (dates, a made-up name) is counted on each view, so nobody can fill the memory with filters.
    /// </summary>
    private async Task<bool> KeepableAsync(InsightsRequest request, CancellationToken cancellationToken) =>
        request.From is null && request.To is null
        && (request.Service is null || await db.SearchLabels.AnyAsync(l => l.Kind == SearchLabel.Service && l.Value == request.Service, cancellationToken))
        && (request.Team is null || await db.SearchLabels.AnyAsync(l => l.Kind == SearchLabel.Team && l.Value == request.Team, cancellationToken));

    /// <summary>Counts the charts for this filter now and keeps them (the background recount calls this for the whole organisation).</summary>
    public async Task<IReadOnlyList<InsightChart>> RecountAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        Check(request);
        var charts = await CountAsync(request, cancellationToken);
        if (cache is not null && _keep > TimeSpan.Zero)
        {
            cache.Set(Key(request), charts, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _keep, Size = 1 });
        }

        return charts;
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

    private async Task<IReadOnlyList<InsightChart>> CountAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        var readable = permissions.ReadableReviews();
        var filtered = request.Service is not null || request.Team is not null || request.From is not null || request.To is not null;
        var reviews = readable.WithLabel(db, SearchLabel.Service, request.Service).WithLabel(db, SearchLabel.Team, request.Team).OnIncidentDays(request.From, request.To);
        var options = facilitation.Value;

        // One row per review: its own times, and what the index keeps beside it (ReviewInsight, WritingStat).
        var rows = await Rows(reviews).ToListAsync(cancellationToken);
        // Someone's first time facilitating is their first anywhere the reader can see, not only in the filter.
        var everyone = rows.Count == 0 ? [] : filtered ? await Rows(readable.Where(r => db.ReviewInsights.Any(i => i.ReviewId == r.Id && i.Facilitators != null))).ToListAsync(cancellationToken) : rows;
        var history = everyone
            .Where(r => r.Insight?.Facilitators is not null)
            .SelectMany(r => r.Insight!.FacilitatorsByRole().Select(f => new FacilitationFact(r.Id, f.Person, f.Role, r.IncidentStartedAt ?? r.CreatedAt)))
            .ToList();

        var facts = rows.Select(r =>
        {
            var insight = r.Insight;
            var due = FacilitationRules.DeadlineBase(new Core.Reviews.Review { IncidentStartedAt = r.IncidentStartedAt, ResolvedAt = r.ResolvedAt }, options)?.AddDays(options.InterviewDays);
            var interviews = insight?.InterviewTimes().ToList() ?? [];
            return new ReviewFacts
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
            };
        }).ToList();

        // Survey answers belong to each review's facilitators; across reviews only admins see them, so a narrow
        // filter can never single out one review's answers for someone else.
        return Insights.From(new InsightsInput(facts, history, CategoryNames.All, Survey.Statements, clock.GetUtcNow().UtcDateTime, permissions.ReadsAllSurveys));
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
