using Fireside.Core;
using Fireside.Core.Library;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>The insights page's filters: incidents from and to a day, and one service.</summary>
public sealed record InsightsRequest(DateOnly? From = null, DateOnly? To = null, string? Service = null);

/// <summary>The insights charts, over the reviews the reader may read; deleted reviews never count.</summary>
public sealed class InsightsOperations(FiresideDb db, Permissions permissions)
{
    public async Task<IReadOnlyList<InsightChart>> ChartsAsync(InsightsRequest request, CancellationToken cancellationToken)
    {
        if (request.From is { } from && request.To is { } to && to < from)
        {
            throw DomainValidationException.For("to", "The end date is before the start date. Swap them, or leave one out.");
        }

        var reviews = permissions.ReadableReviews();
        if (!string.IsNullOrWhiteSpace(request.Service))
        {
            var service = request.Service.Trim();
            reviews = reviews.Where(r => db.SearchLabels.Any(l => l.ReviewId == r.Id && l.Kind == SearchLabel.Service && l.Value == service));
        }

        if (request.From is { } start)
        {
            var since = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            reviews = reviews.Where(r => (r.IncidentStartedAt ?? r.CreatedAt) >= since);
        }

        if (request.To is { } end)
        {
            var before = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            reviews = reviews.Where(r => (r.IncidentStartedAt ?? r.CreatedAt) < before);
        }

        var facts = await reviews
            .Select(r => new { r.Id, r.IncidentStartedAt, r.PublishedAt, People = db.Participants.Count(p => p.ReviewId == r.Id) })
            .ToListAsync(cancellationToken);
        var ids = reviews.Select(r => r.Id);
        var themes = (await db.SearchLabels.AsNoTracking().Where(l => l.Kind == SearchLabel.Theme && ids.Contains(l.ReviewId)).Select(l => new { l.ReviewId, l.Value }).ToListAsync(cancellationToken))
            .ToLookup(l => l.ReviewId, l => l.Value);
        return Insights.From([.. facts.Select(f => new ReviewFacts(f.IncidentStartedAt, f.PublishedAt, f.People, [.. themes[f.Id]]))]);
    }
}
