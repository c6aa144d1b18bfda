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
        var errors = new ValidationErrors();
        LibraryFilters.CheckDays(request.From, request.To, errors);
        ReviewOperations.Throw(errors);
        var reviews = permissions.ReadableReviews().WithLabel(db, SearchLabel.Service, request.Service).OnIncidentDays(request.From, request.To);

        var facts = await reviews
            .Select(r => new { r.Id, r.IncidentStartedAt, r.PublishedAt, People = db.Participants.Count(p => p.ReviewId == r.Id) })
            .ToListAsync(cancellationToken);
        var ids = reviews.Select(r => r.Id);
        var themes = (await db.SearchLabels.AsNoTracking().Where(l => l.Kind == SearchLabel.Theme && ids.Contains(l.ReviewId)).Select(l => new { l.ReviewId, l.Value }).ToListAsync(cancellationToken))
            .ToLookup(l => l.ReviewId, l => l.Value);
        return Insights.From([.. facts.Select(f => new ReviewFacts(f.IncidentStartedAt, f.PublishedAt, f.People, [.. themes[f.Id]]))]);
    }
}
