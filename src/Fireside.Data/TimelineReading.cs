using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>Which moments a timeline view shows.</summary>
/// <param name="ShowHidden">Include entries hidden as noise.</param>
/// <param name="ScopeOnly">Only entries in the review's agreed scope (window and choices).</param>
/// <param name="By">Only what had happened by this time (the lanes view's question).</param>
public sealed record TimelineFilter(bool ShowHidden = false, bool ScopeOnly = false, DateTime? By = null);

/// <summary>
/// One screen of a review's timeline, read straight from the database: the review's fields, one page of
/// entries and the counts around them. The review's <see cref="Review.Timeline"/> holds only the page, and
/// its accounts and attachments are only those people wrote (never the imported thousands).
/// </summary>
public sealed record TimelinePage(Review Review, int TotalEntries, int MatchingEntries, int HiddenEntries, int ChosenScopeEntries, DateTime? NextPageStartsAt)
{
    public IReadOnlyList<TimelineEntry> Entries => Review.Timeline;

    /// <summary>Accounts of a stretch of time that begin among this page's moments.</summary>
    public IEnumerable<IGrouping<(DateTime From, DateTime To), Account>> SpanAccountsOn(int skip) =>
        Review.SpanAccounts.Where(g =>
            (skip == 0 || Entries.Count == 0 || g.Key.From >= Entries[0].OccurredAt)
            && (NextPageStartsAt is not { } next || g.Key.From < next));
}

public static class TimelineReading
{
    /// <summary>Reads one page of the timeline; null when there is no such review (deleted ones included).</summary>
    public static async Task<TimelinePage?> LoadPageAsync(FiresideDb db, Guid reviewId, TimelineFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var review = await db.Reviews.IgnoreQueryFilters().AsNoTracking()
            .Include(r => r.Accounts).Include(r => r.Attachments).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null)
        {
            return null;
        }

        var all = db.TimelineEntries.AsNoTracking().Where(e => e.ReviewId == reviewId);
        var counts = await all.GroupBy(_ => 1).Select(g => new
        {
            Total = g.Count(),
            Hidden = g.Count(e => e.IsHidden),
            Chosen = g.Count(e => e.Scope != ScopeChoice.Window),
        }).FirstOrDefaultAsync(cancellationToken);

        var matching = Filter(all, review, filter);
        var count = await matching.CountAsync(cancellationToken);
        var entries = await matching
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Skip(Math.Max(0, skip)).Take(take + 1)
            .ToListAsync(cancellationToken);
        DateTime? next = entries.Count > take ? entries[take].OccurredAt : null;
        review.Timeline = entries.Count > take ? entries[..take] : entries;
        return new TimelinePage(review, counts?.Total ?? 0, count, counts?.Hidden ?? 0, counts?.Chosen ?? 0, next);
    }

    /// <summary>
    /// Where a moment stands on the timeline as the review page shows it (hidden ones too when it is hidden): how many
    /// moments come before it, and whether it is hidden; null when the review has no such moment. A moment named by
    /// one of its accounts is found through the account.
    /// </summary>
    public static async Task<(Guid EntryId, int Before, bool Hidden)?> PositionAsync(FiresideDb db, Guid reviewId, Guid entryOrAccountId, CancellationToken cancellationToken = default)
    {
        var entryId = await db.Accounts.AsNoTracking().Where(a => a.Id == entryOrAccountId && a.ReviewId == reviewId).Select(a => a.EntryId).FirstOrDefaultAsync(cancellationToken)
            ?? entryOrAccountId;
        var entry = await db.TimelineEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.ReviewId == reviewId, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var before = await db.TimelineEntries.AsNoTracking()
            .Where(e => e.ReviewId == reviewId && (entry.IsHidden || !e.IsHidden))
            .CountAsync(e => e.OccurredAt < entry.OccurredAt
                || (e.OccurredAt == entry.OccurredAt && (e.CreatedAt < entry.CreatedAt || (e.CreatedAt == entry.CreatedAt && e.Id.CompareTo(entry.Id) < 0))), cancellationToken);
        return (entry.Id, before, entry.IsHidden);
    }

    private static IQueryable<TimelineEntry> Filter(IQueryable<TimelineEntry> entries, Review review, TimelineFilter filter)
    {
        if (!filter.ShowHidden)
        {
            entries = entries.Where(e => !e.IsHidden);
        }

        if (filter.ScopeOnly)
        {
            var from = review.ScopeStartsAt ?? DateTime.MinValue;
            var to = review.ScopeEndsAt ?? DateTime.MaxValue;
            entries = entries.Where(e => e.Scope == ScopeChoice.Included || (e.Scope == ScopeChoice.Window && e.OccurredAt >= from && e.OccurredAt <= to));
        }

        if (filter.By is { } by)
        {
            entries = entries.Where(e => e.OccurredAt <= by);
        }

        return entries;
    }

    /// <summary>
    /// A review with what people wrote in it and no more: its fields, accounts and captions, and of each
    /// entry only what the language coach reads (actor and text), in time order. Much lighter than the whole review.
    /// </summary>
    public static async Task<Review?> LoadTextsAsync(FiresideDb db, Guid reviewId, CancellationToken cancellationToken = default)
    {
        var review = await db.Reviews.IgnoreQueryFilters().AsNoTracking()
            .Include(r => r.Accounts).Include(r => r.Attachments).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is not null)
        {
            // In time order from the database; the times themselves are left out (reading them back is most of the cost).
            review.Timeline = await db.TimelineEntries.Where(e => e.ReviewId == reviewId)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id)
                .Select(e => new TimelineEntry { Id = e.Id, ReviewId = reviewId, Actor = e.Actor, Text = e.Text })
                .ToListAsync(cancellationToken);
        }

        return review;
    }

    /// <summary>
    /// A fingerprint of everything the language coach reads in a review: it changes whenever a text is added,
    /// changed or removed (an addition moves the newest UpdatedAt, an edit the sum of versions, a removal the
    /// count; this relies on the clock moving between saves), so findings can be kept between views and
    /// recomputed only after a change. Reads indexes only.
    /// </summary>
    public static async Task<string?> LanguageStampAsync(FiresideDb db, Guid reviewId, CancellationToken cancellationToken = default)
    {
        var stamp = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => new
        {
            r.Version,
            Entries = db.TimelineEntries.Count(e => e.ReviewId == reviewId),
            EntriesChanged = db.TimelineEntries.Where(e => e.ReviewId == reviewId).Max(e => (DateTime?)e.UpdatedAt),
            EntryVersions = db.TimelineEntries.Where(e => e.ReviewId == reviewId).Sum(e => e.Version),
            Accounts = db.Accounts.Count(a => a.ReviewId == reviewId),
            AccountsChanged = db.Accounts.Where(a => a.ReviewId == reviewId).Max(a => (DateTime?)a.UpdatedAt),
            AccountVersions = db.Accounts.Where(a => a.ReviewId == reviewId).Sum(a => a.Version),
            Attachments = db.Attachments.Count(a => a.ReviewId == reviewId),
            NewestAttachment = db.Attachments.Where(a => a.ReviewId == reviewId).Max(a => (DateTime?)a.CreatedAt),
            Dismissals = db.LanguageDismissals.Count(d => d.ReviewId == reviewId),
            NewestDismissal = db.LanguageDismissals.Where(d => d.ReviewId == reviewId).Max(d => (DateTime?)d.CreatedAt),
        }).FirstOrDefaultAsync(cancellationToken);
        return stamp is null ? null : string.Join('|', stamp.Version, stamp.Entries, Exact(stamp.EntriesChanged), stamp.EntryVersions, stamp.Accounts,
            Exact(stamp.AccountsChanged), stamp.AccountVersions, stamp.Attachments, Exact(stamp.NewestAttachment), stamp.Dismissals, Exact(stamp.NewestDismissal));
    }

    private static string Exact(DateTime? time) => time?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
