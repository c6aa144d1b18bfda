using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>A review as the library's home lists it.</summary>
public sealed record LibraryReview(Guid Id, string Title, DateTime? IncidentStartedAt, DateTime? PublishedAt, IReadOnlyList<string> Services, string TlDr);

/// <summary>A takeaway as the library's home shows it: what we believe now, and where it was learned.</summary>
public sealed record LibraryTakeaway(Guid ReviewId, string ReviewTitle, string SurprisedBy, string BelievedBefore, string BelieveNow, DateTime CreatedAt);

/// <summary>What the library's home brings back into view.</summary>
public sealed record LibraryHome(
    IReadOnlyList<LibraryReview> RecentlyPublished,
    IReadOnlyList<LibraryReview> OnThisDay,
    IReadOnlyList<KeyValuePair<string, int>> RecentThemes,
    IReadOnlyList<KeyValuePair<string, int>> RecentServices,
    IReadOnlyList<LibraryTakeaway> RecentTakeaways);

/// <summary>
/// The library's home: recently published reviews, reviews from this day in earlier years, the themes and
/// services that came up most lately, and the takeaways most recently written. Only reviews the reader may read.
/// </summary>
public sealed class LibraryOperations(FiresideDb db, TimeProvider clock, Permissions permissions)
{
    public const int RecentDays = 90;
    private const int Listed = 8;

    /// <param name="today">Today in the reader's own zone (for "on this day").</param>
    public async Task<LibraryHome> HomeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var readable = permissions.ReadableReviews();
        var published = await Cards(readable.Where(r => r.Status == ReviewStatus.Published && r.PublishedAt != null).OrderByDescending(r => r.PublishedAt))
            .Take(Listed).ToListAsync(cancellationToken);

        var (month, day, year) = (today.Month, today.Day, today.Year);
        var onThisDay = await Cards(readable
                .Where(r => (r.IncidentStartedAt ?? r.CreatedAt).Month == month && (r.IncidentStartedAt ?? r.CreatedAt).Day == day && (r.IncidentStartedAt ?? r.CreatedAt).Year < year)
                .OrderByDescending(r => r.IncidentStartedAt ?? r.CreatedAt))
            .Take(Listed).ToListAsync(cancellationToken);

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-RecentDays);
        var recent = readable.Where(r => (r.IncidentStartedAt ?? r.CreatedAt) >= since).Select(r => r.Id);
        async Task<IReadOnlyList<KeyValuePair<string, int>>> Most(string kind) =>
            [.. (await db.SearchLabels.Where(l => l.Kind == kind && recent.Contains(l.ReviewId))
                .GroupBy(l => l.Value).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(Listed).ToListAsync(cancellationToken))
                .Select(g => KeyValuePair.Create(g.Key, g.Count))];

        var takeaways = await db.Takeaways.AsNoTracking()
            .Join(readable, t => t.ReviewId, r => r.Id, (t, r) => new { t, r.Title })
            .Where(x => x.t.BelieveNow != "")
            .OrderByDescending(x => x.t.CreatedAt)
            .Take(Listed)
            .Select(x => new LibraryTakeaway(x.t.ReviewId, x.Title, x.t.SurprisedBy, x.t.BelievedBefore, x.t.BelieveNow, x.t.CreatedAt))
            .ToListAsync(cancellationToken);

        return new LibraryHome(published, onThisDay, await Most(SearchLabel.Theme), await Most(SearchLabel.Service), takeaways);
    }

    private static IQueryable<LibraryReview> Cards(IQueryable<Review> reviews) =>
        reviews.Select(r => new LibraryReview(r.Id, r.Title, r.IncidentStartedAt, r.PublishedAt, r.Services, r.TlDr));
}
