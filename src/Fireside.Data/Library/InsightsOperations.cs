using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Library;
using Fireside.Core.Meetings;
using Fireside.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Fireside.Data;

/// <summary>The insights page's filters: incidents from and to a day, one service and one team.</summary>
public sealed record InsightsRequest(DateOnly? From = null, DateOnly? To = null, string? Service = null, string? Team = null);

/// <summary>
/// The insights charts, over the reviews the reader may read; deleted reviews never count. Each review is one
/// row of counts worked out in the database (people, teams, interviews, the room), so nothing is read per person.
/// The charts are kept for <see cref="CacheFor"/> per filter and per what the reader may read: they describe
/// months and quarters, so a few minutes' delay costs nothing, and a busy page does not count everything again.
/// </summary>
public sealed class InsightsOperations(FiresideDb db, Permissions permissions, TimeProvider clock, IOptions<FacilitationOptions> facilitation, IMemoryCache? cache = null)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<InsightChart>> ChartsAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        LibraryFilters.CheckDays(request.From, request.To, errors);
        ReviewOperations.Throw(errors);
        if (cache is null)
        {
            return await CountAsync(request, cancellationToken);
        }

        var key = ("insights", permissions.ReadScope, request);
        if (cache.TryGetValue(key, out IReadOnlyList<InsightChart>? charts) && charts is not null)
        {
            return charts;
        }

        charts = await CountAsync(request, cancellationToken);
        cache.Set(key, charts, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        return charts;
    }

    private async Task<IReadOnlyList<InsightChart>> CountAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        var readable = permissions.ReadableReviews();
        var reviews = readable.WithLabel(db, SearchLabel.Service, request.Service).WithLabel(db, SearchLabel.Team, request.Team).OnIncidentDays(request.From, request.To);
        var ids = reviews.Select(r => r.Id);
        var options = facilitation.Value;
        var fromStart = string.Equals(options.CountFrom, "Started", StringComparison.OrdinalIgnoreCase);
        var days = options.InterviewDays;

        // ToLower here runs in the database (ASCII folding in SQLite), not in .NET's culture.
#pragma warning disable CA1304, CA1311, CA1862
        var rows = await (
            from r in reviews
            join stat in db.WritingStats on r.Id equals stat.ReviewId into stats
            from w in stats.DefaultIfEmpty()
            select new
            {
                r.Id,
                r.IncidentStartedAt,
                r.ResolvedAt,
                r.PublishedAt,
                MeetingAt = db.Meetings.Where(m => m.ReviewId == r.Id).Select(m => (DateTime?)m.StartsAt).FirstOrDefault(),
                People = db.Participants.Where(p => p.ReviewId == r.Id).Select(p => (p.Email ?? p.Name).ToLower()).Distinct().Count(),
                Teams = db.SearchLabels.Where(l => l.ReviewId == r.Id && l.Kind == SearchLabel.Team).Select(l => l.Value.ToLower()).Distinct().Count(),
                OthersInRoom = db.Attendance.Count(a => a.ReviewId == r.Id
                    && !db.Participants.Any(p => p.ReviewId == r.Id && p.Role == ParticipantRole.Actor && (p.UserId == a.UserId || p.Name == a.Name))),
                Actors = db.Participants.Count(p => p.ReviewId == r.Id && p.Role == ParticipantRole.Actor),
                Interviewed = db.Interviews.Count(i => i.ReviewId == r.Id && i.InterviewedAt != null
                    && db.Participants.Any(p => p.Id == i.ParticipantId && p.Role == ParticipantRole.Actor)),
                InTime = db.Interviews.Count(i => i.ReviewId == r.Id && i.InterviewedAt != null
                    && db.Participants.Any(p => p.Id == i.ParticipantId && p.Role == ParticipantRole.Actor)
                    && i.InterviewedAt <= (fromStart ? r.IncidentStartedAt ?? r.ResolvedAt : r.ResolvedAt ?? r.IncidentStartedAt)!.Value.AddDays(days)),
                Writing = w,
            }).ToListAsync(cancellationToken);
        var survey = (await db.SurveyResponses.AsNoTracking().Where(s => ids.Contains(s.ReviewId))
                .Select(s => new { s.ReviewId, Fact = new SurveyFact(s.AnsweredAt, s.ToldMyPart, s.StayedOnLearning, s.UnderstandBetter) })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ReviewId, s => s.Fact);
        var themes = (await db.SearchLabels.AsNoTracking().Where(l => l.Kind == SearchLabel.Theme && ids.Contains(l.ReviewId)).Select(l => new { l.ReviewId, l.Value }).ToListAsync(cancellationToken))
            .ToLookup(l => l.ReviewId, l => l.Value);

        // Every facilitating role the reader can see, so someone's first time is their first anywhere, not in the filter.
        var history = await db.Participants.AsNoTracking()
            .Where(p => p.Role == ParticipantRole.Facilitator || p.Role == ParticipantRole.CoFacilitator || p.Role == ParticipantRole.ShadowFacilitator)
            .Join(readable, p => p.ReviewId, r => r.Id, (p, r) => new FacilitationFact(p.ReviewId, (p.Email ?? p.Name).ToLower(), p.Role, r.IncidentStartedAt ?? r.CreatedAt))
            .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862

        var facts = rows.Select(r => new ReviewFacts
        {
            Id = r.Id,
            IncidentStartedAt = r.IncidentStartedAt,
            PublishedAt = r.PublishedAt,
            MeetingAt = r.MeetingAt,
            InterviewsDue = (fromStart ? r.IncidentStartedAt ?? r.ResolvedAt : r.ResolvedAt ?? r.IncidentStartedAt)?.AddDays(days),
            Actors = r.Actors,
            InterviewedInTime = r.InTime,
            InterviewedLate = r.Interviewed - r.InTime,
            People = r.People,
            Teams = r.Teams,
            OthersInRoom = r.OthersInRoom,
            Themes = [.. themes[r.Id]],
            Survey = [.. survey[r.Id]],
            Writing = r.PublishedAt is not null && r.Writing is { } w ? new WritingFact(w.Words, w.Findings) : null,
        }).ToList();

        return Insights.From(new InsightsInput(facts, history, CategoryNames.All, Survey.Statements, clock.GetUtcNow().UtcDateTime));
    }
}
