using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Library;
using Fireside.Core.Meetings;
using Fireside.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fireside.Data;

/// <summary>The insights page's filters: incidents from and to a day, one service and one team.</summary>
public sealed record InsightsRequest(DateOnly? From = null, DateOnly? To = null, string? Service = null, string? Team = null);

/// <summary>The insights charts, over the reviews the reader may read; deleted reviews never count.</summary>
public sealed class InsightsOperations(FiresideDb db, Permissions permissions, TimeProvider clock, IOptions<FacilitationOptions> facilitation)
{
    public async Task<IReadOnlyList<InsightChart>> ChartsAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        LibraryFilters.CheckDays(request.From, request.To, errors);
        ReviewOperations.Throw(errors);
        var readable = permissions.ReadableReviews();
        var reviews = readable.WithLabel(db, SearchLabel.Service, request.Service).WithLabel(db, SearchLabel.Team, request.Team).OnIncidentDays(request.From, request.To);
        var ids = reviews.Select(r => r.Id);

        var rows = await reviews
            .Select(r => new
            {
                r.Id,
                r.IncidentStartedAt,
                r.ResolvedAt,
                r.CreatedAt,
                r.PublishedAt,
                r.TeamsInvolved,
                MeetingAt = db.Meetings.Where(m => m.ReviewId == r.Id).Select(m => (DateTime?)m.StartsAt).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var people = (await db.Participants.AsNoTracking().Where(p => ids.Contains(p.ReviewId))
                .Select(p => new { p.Id, p.ReviewId, p.Name, p.Email, p.UserId, p.Role, p.Team })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.ReviewId);
        var interviews = (await db.Interviews.AsNoTracking().Where(i => ids.Contains(i.ReviewId) && i.InterviewedAt != null)
                .Select(i => new { i.ParticipantId, i.InterviewedAt })
                .ToListAsync(cancellationToken))
            .ToDictionary(i => i.ParticipantId, i => i.InterviewedAt);
        var room = (await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.ReviewId)).Select(a => new { a.ReviewId, a.UserId, a.Name }).ToListAsync(cancellationToken))
            .ToLookup(a => a.ReviewId);
        var survey = (await db.SurveyResponses.AsNoTracking().Where(s => ids.Contains(s.ReviewId))
                .Select(s => new { s.ReviewId, Fact = new SurveyFact(s.AnsweredAt, s.ToldMyPart, s.StayedOnLearning, s.UnderstandBetter) })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ReviewId, s => s.Fact);
        var writing = await db.WritingStats.AsNoTracking().Where(w => ids.Contains(w.ReviewId)).ToDictionaryAsync(w => w.ReviewId, cancellationToken);
        var themes = (await db.SearchLabels.AsNoTracking().Where(l => l.Kind == SearchLabel.Theme && ids.Contains(l.ReviewId)).Select(l => new { l.ReviewId, l.Value }).ToListAsync(cancellationToken))
            .ToLookup(l => l.ReviewId, l => l.Value);

        // Every facilitating role the reader can see, so someone's first time is their first anywhere, not in the filter.
        var history = await db.Participants.AsNoTracking()
            .Where(p => p.Role == ParticipantRole.Facilitator || p.Role == ParticipantRole.CoFacilitator || p.Role == ParticipantRole.ShadowFacilitator)
            .Join(readable, p => p.ReviewId, r => r.Id, (p, r) => new { p.ReviewId, p.Name, p.Email, p.Role, At = r.IncidentStartedAt ?? r.CreatedAt })
            .ToListAsync(cancellationToken);

        var options = facilitation.Value;
        var facts = rows.Select(r =>
        {
            var cast = people[r.Id].ToList();
            var actors = cast.Where(p => p.Role == ParticipantRole.Actor).ToList();
            bool IsActor(string userId, string name) => actors.Any(a => a.UserId == userId || Participant.SameName(a.Name, name));
            var deadlineFrom = FacilitationRules.DeadlineBase(new Core.Reviews.Review { IncidentStartedAt = r.IncidentStartedAt, ResolvedAt = r.ResolvedAt }, options);
            return new ReviewFacts
            {
                Id = r.Id,
                IncidentStartedAt = r.IncidentStartedAt,
                PublishedAt = r.PublishedAt,
                MeetingAt = r.MeetingAt,
                InterviewsDue = deadlineFrom?.AddDays(options.InterviewDays),
                ActorInterviews = [.. actors.Select(a => interviews.GetValueOrDefault(a.Id))],
                People = cast.Select(p => Person(p.Email, p.Name)).Distinct().Count(),
                Teams = r.TeamsInvolved.Concat(cast.Select(p => p.Team ?? "")).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
                OthersInRoom = room[r.Id].Count(a => !IsActor(a.UserId, a.Name)),
                Themes = [.. themes[r.Id]],
                Survey = [.. survey[r.Id]],
                Writing = r.PublishedAt is not null && writing.TryGetValue(r.Id, out var w) ? new WritingFact(w.Words, w.Findings) : null,
            };
        }).ToList();

        return Insights.From(new InsightsInput(
            facts,
            [.. history.Select(h => new FacilitationFact(h.ReviewId, Person(h.Email, h.Name), h.Role, h.At))],
            CategoryNames.All,
            Survey.Statements,
            clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>One key per person: the email when there is one, else the name, ignoring case.</summary>
    private static string Person(string? email, string name) =>
        (email is { Length: > 0 } ? email : name).Trim().ToLowerInvariant();
}
