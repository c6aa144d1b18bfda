using System.Diagnostics;
using Fireside.Data;
using Fireside.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Fireside.Web.Features.Language;

/// <summary>
/// A review's language findings, kept between views: the coach reads the whole review again only when one of
/// its texts changed (<see cref="TimelineReading.LanguageStampAsync"/> tells), so a long imported timeline is
/// read once, not on every page.
/// </summary>
public sealed partial class ReviewFindings(OrganisationCoach organisationCoach, IMemoryCache cache, ILogger<ReviewFindings> logger)
{
    /// <summary>Every finding, those marked intentional among them; null when there is no such review.</summary>
    public async Task<List<ReviewFinding>?> ForReviewAsync(FiresideDb db, Guid reviewId, CancellationToken cancellationToken = default)
    {
        var stamp = await TimelineReading.LanguageStampAsync(db, reviewId, cancellationToken);
        if (stamp is null)
        {
            return null;
        }

        // The organisation's silenced phrases are part of the stamp: silencing one shows at the next view.
        var (coach, version) = await organisationCoach.CurrentAsync(db, cancellationToken);
        stamp = $"{stamp}|{version.GetHashCode():x}";
        var key = (nameof(ReviewFindings), reviewId);
        if (cache.TryGetValue(key, out Cached? hit) && hit!.Stamp == stamp)
        {
            return hit.Findings;
        }

        // Read after the stamp: if someone saves in between, the next view sees a newer stamp and reads again.
        var started = Stopwatch.GetTimestamp();
        var review = await TimelineReading.LoadTextsAsync(db, reviewId, cancellationToken) ?? throw ReviewOperations.MissingReview(reviewId);
        var dismissals = await db.LanguageDismissals.AsNoTracking().Where(d => d.ReviewId == reviewId).ToListAsync(cancellationToken);
        var findings = ReviewLanguage.Check(coach, review, dismissals, includeIntentional: true);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var entries = review.Timeline.Count;
        CoachRead(logger, reviewId, entries, elapsed);
        cache.Set(key, new Cached(stamp, findings), new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30), Size = findings.Count + 1 });
        return findings;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The coach read review {ReviewId} ({Entries} entries) in {Elapsed} ms")]
    private static partial void CoachRead(ILogger logger, Guid reviewId, int entries, long elapsed);

    private sealed record Cached(string Stamp, List<ReviewFinding> Findings);
}
