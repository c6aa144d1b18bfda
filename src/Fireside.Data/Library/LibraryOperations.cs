using Fireside.Core.Access;
using Fireside.Core.Library;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>A review as the library's home lists it.</summary>
public sealed record LibraryReview(Guid Id, string Title, DateTime? IncidentStartedAt, DateTime? PublishedAt, IReadOnlyList<string> Services, string TlDr);

/// <summary>A takeaway as the library's home shows it: what we believe now, and where it was learned.</summary>
public sealed record LibraryTakeaway(Guid ReviewId, string ReviewTitle, string SurprisedBy, string BelievedBefore, string BelieveNow, DateTime CreatedAt);

/// <summary>A review related to another, with one line on why.</summary>
public sealed record RelatedReview(Guid Id, string Title, DateTime? IncidentStartedAt, string Why);

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
public sealed class LibraryOperations(FiresideDb db, TimeProvider clock, Permissions permissions, int commonLabel = LibraryOperations.CommonLabel)
{
    public const int RecentDays = 90;
    private const int Listed = 8;

    /// <summary>A label on more reviews than this does not pick related reviews by itself (it still counts for those picked).</summary>
    public const int CommonLabel = 2000;

    /// <param name="today">Today in the reader's own zone (for "on this day").</param>
    public async Task<LibraryHome> HomeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var readable = permissions.ReadableReviews();
        var published = await Cards(readable.Where(r => r.Status == ReviewStatus.Published && r.PublishedAt != null).OrderByDescending(r => r.PublishedAt))
            .Take(Listed).ToListAsync(cancellationToken);

        // One day per earlier year, newest first: each a range on the incident's start, which an index answers.
        var onThisDay = new List<LibraryReview>();
        var earliest = await readable.MinAsync(r => r.IncidentStartedAt, cancellationToken);
        for (var year = today.Year - 1; earliest is { } first && year >= first.Year && onThisDay.Count < Listed; year--)
        {
            if (today.Month == 2 && today.Day == 29 && !DateTime.IsLeapYear(year))
            {
                continue;
            }

            var from = new DateTime(year, today.Month, today.Day, 0, 0, 0, DateTimeKind.Utc);
            var to = from.AddDays(1);
            onThisDay.AddRange(await Cards(readable.Where(r => r.IncidentStartedAt >= from && r.IncidentStartedAt < to).OrderByDescending(r => r.IncidentStartedAt))
                .Take(Listed - onThisDay.Count).ToListAsync(cancellationToken));
        }

        // The last 90 days' reviews, found by the index on the incident's start, each with its services and the
        // themes kept beside the index: a few thousand small rows, counted here (grouping every label row of a
        // theme found in a third of the library is what made this slow).
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-RecentDays);
        var recent = await readable.Where(r => r.IncidentStartedAt >= since)
            .Select(r => new { r.Services, Themes = db.ReviewInsights.Where(i => i.ReviewId == r.Id).Select(i => i.Themes).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        static IReadOnlyList<KeyValuePair<string, int>> Most(IEnumerable<string> values) =>
            [.. values.GroupBy(v => v, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()))
                .OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Take(Listed)];

        var takeaways = await db.Takeaways.AsNoTracking()
            .Join(readable, t => t.ReviewId, r => r.Id, (t, r) => new { t, r.Title })
            .Where(x => x.t.BelieveNow != "")
            .OrderByDescending(x => x.t.CreatedAt)
            .Take(Listed)
            .Select(x => new LibraryTakeaway(x.t.ReviewId, x.Title, x.t.SurprisedBy, x.t.BelievedBefore, x.t.BelieveNow, x.t.CreatedAt))
            .ToListAsync(cancellationToken);

        return new LibraryHome(
            published,
            onThisDay,
            Most(recent.SelectMany(r => ReviewInsight.Lines(r.Themes).Distinct(StringComparer.Ordinal))),
            Most(recent.SelectMany(r => r.Services.Distinct(StringComparer.Ordinal))),
            takeaways);
    }

    /// <summary>
    /// Up to five reviews related to this one: by the themes, services and tags they share (a theme counts
    /// most), and by the words of this review's contributing factors and takeaways found in theirs.
    /// </summary>
    public async Task<IReadOnlyList<RelatedReview>> RelatedAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        var readable = permissions.ReadableReviews();
        string[] kinds = [SearchLabel.Theme, SearchLabel.Service, SearchLabel.Tag];
        var mine = await db.SearchLabels.AsNoTracking().Where(l => l.ReviewId == reviewId && kinds.Contains(l.Kind)).Select(l => new { l.Kind, l.Value }).ToListAsync(cancellationToken);
        List<string> Of(string kind) => [.. mine.Where(l => l.Kind == kind).Select(l => l.Value)];
        var (themes, services, tags) = (Of(SearchLabel.Theme), Of(SearchLabel.Service), Of(SearchLabel.Tag));

        // Candidates come from the labels few reviews share (each counted up to CommonLabel): a theme found on a
        // third of the library says nothing about which five reviews to show, and grouping all of them is slow.
        // When every label is that common, a sample of the reviews with the rarest one stands in.
        var counted = new List<(string Kind, string Value, int Reviews)>();
        foreach (var label in mine)
        {
            counted.Add((label.Kind, label.Value, await db.SearchLabels.Where(l => l.Kind == label.Kind && l.Value == label.Value).Take(commonLabel + 1).CountAsync(cancellationToken)));
        }

        var candidates = new HashSet<Guid>();
        foreach (var (kind, value, _) in counted.Where(c => c.Reviews <= commonLabel))
        {
            candidates.UnionWith(await db.SearchLabels.Where(l => l.Kind == kind && l.Value == value && l.ReviewId != reviewId).Select(l => l.ReviewId).ToListAsync(cancellationToken));
        }

        if (candidates.Count == 0 && counted.Count > 0)
        {
            var rarest = counted.OrderBy(c => c.Reviews).First();
            candidates.UnionWith(await db.SearchLabels.Where(l => l.Kind == rarest.Kind && l.Value == rarest.Value && l.ReviewId != reviewId)
                .OrderBy(l => l.ReviewId).Take(Math.Max(1, commonLabel / 10)).Select(l => l.ReviewId).ToListAsync(cancellationToken));
        }

        var scores = new Dictionary<Guid, double>();
        if (candidates.Count > 0)
        {
            // Every shared label counts for the candidates, the common ones too.
            var ids = candidates.ToList();
            var shared = await db.SearchLabels.AsNoTracking()
                .Where(l => ids.Contains(l.ReviewId)
                    && ((l.Kind == SearchLabel.Theme && themes.Contains(l.Value)) || (l.Kind == SearchLabel.Service && services.Contains(l.Value)) || (l.Kind == SearchLabel.Tag && tags.Contains(l.Value))))
                .Select(l => new { l.ReviewId, l.Kind })
                .ToListAsync(cancellationToken);
            foreach (var group in shared.GroupBy(l => l.ReviewId))
            {
                scores[group.Key] = group.Sum(l => l.Kind == SearchLabel.Theme ? 3 : l.Kind == SearchLabel.Service ? 2 : 1);
            }
        }

        var words = await RareWordsAsync(await DistinctiveWordsAsync(reviewId, cancellationToken), cancellationToken);
        var wordHits = new HashSet<Guid>();
        if (words.Count > 0)
        {
            var query = SearchQuery.Parse(string.Join(" OR ", words));
            var hits = await SearchIndex.For(db).Match(db, query)
                .Where(h => h.ReviewId != reviewId && readable.Any(r => r.Id == h.ReviewId))
                .OrderBy(h => h.Rank)
                .Take(10)
                .Select(h => h.ReviewId)
                .ToListAsync(cancellationToken);
            for (var k = 0; k < hits.Count; k++)
            {
                // The best match of the words counts about as much as a shared theme, the tenth far less.
                scores[hits[k]] = scores.GetValueOrDefault(hits[k]) + (3.0 - (k * 0.25));
                wordHits.Add(hits[k]);
            }
        }

        var best = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => s.Key).Take(40).ToList();
        if (best.Count == 0)
        {
            return [];
        }

        var reviews = await readable.Where(r => best.Contains(r.Id)).Select(r => new { r.Id, r.Title, r.IncidentStartedAt }).ToListAsync(cancellationToken);
        var chosen = best.Where(id => reviews.Any(r => r.Id == id)).Take(5).ToList();
        var theirs = await db.SearchLabels.AsNoTracking().Where(l => chosen.Contains(l.ReviewId)).Select(l => new { l.ReviewId, l.Kind, l.Value }).ToListAsync(cancellationToken);
        return [.. chosen.Join(reviews, id => id, r => r.Id, (_, r) => r).Select(r =>
        {
            var shared = theirs.Where(l => l.ReviewId == r.Id && mine.Any(m => m.Kind == l.Kind && m.Value == l.Value)).ToList();
            return new RelatedReview(r.Id, r.Title, r.IncidentStartedAt, Why(
                [.. shared.Where(l => l.Kind == SearchLabel.Theme).Select(l => l.Value)],
                [.. shared.Where(l => l.Kind == SearchLabel.Service).Select(l => l.Value)],
                [.. shared.Where(l => l.Kind == SearchLabel.Tag).Select(l => l.Value)],
                wordHits.Contains(r.Id)));
        })];
    }

    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "after", "again", "because", "before", "being", "could", "did", "does", "doing", "during", "every", "first", "from", "have",
        "into", "just", "know", "knew", "more", "most", "never", "only", "other", "over", "should", "some", "than", "that", "their", "them",
        "then", "there", "these", "they", "thing", "things", "this", "those", "through", "time", "until", "very", "were", "what", "when",
        "where", "which", "while", "with", "would", "believe", "believed", "thought", "think", "surprised", "people", "team", "teams",
    };

    /// <summary>A word in more reviews than this says little about what two reviews share.</summary>
    private const int RareWordLimit = 100;

    /// <summary>
    /// Of the review's telling words, the ones few other reviews have (at most four, rarest first): a word found
    /// in thousands of reviews relates this review to none of them, and costs the engine a rank for each.
    /// </summary>
    private async Task<List<string>> RareWordsAsync(List<string> words, CancellationToken cancellationToken)
    {
        var index = SearchIndex.For(db);
        var counted = new List<(string Word, int Reviews)>();
        foreach (var word in words)
        {
            // Counting stops past the limit, so a common word costs no more than a rare one.
            var reviews = await index.Match(db, SearchQuery.Parse(word), ranked: false).Take(RareWordLimit + 2).CountAsync(cancellationToken);
            counted.Add((word, reviews));
        }

        // The review itself has each of its words: a word worth asking about is in at least one other review.
        return [.. counted.Where(c => c.Reviews >= 2 && c.Reviews <= RareWordLimit + 1).OrderBy(c => c.Reviews).ThenBy(c => c.Word, StringComparer.Ordinal).Take(4).Select(c => c.Word)];
    }

    /// <summary>The words of the review's factors and takeaways that are not everyday words, most used first, at most twelve.</summary>
    private async Task<List<string>> DistinctiveWordsAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        var factors = await db.ContributingFactors.AsNoTracking().Where(f => f.ReviewId == reviewId).Select(f => f.Text).ToListAsync(cancellationToken);
        var takeaways = await db.Takeaways.AsNoTracking().Where(t => t.ReviewId == reviewId).Select(t => t.SurprisedBy + " " + t.BelievedBefore + " " + t.BelieveNow).ToListAsync(cancellationToken);
        return [.. factors.Concat(takeaways)
            .SelectMany(text => System.Text.RegularExpressions.Regex.Split(text, @"[^\p{L}\p{Nd}]+"))
            .Where(w => w.Length >= 4 && !CommonWords.Contains(w))
            .Select(w => w.ToLowerInvariant())
            .GroupBy(w => w)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(12)
            .Select(g => g.Key)];
    }

    private static string Why(List<string> themes, List<string> services, List<string> tags, bool words)
    {
        var parts = new List<string>();
        void Add(List<string> values, string one, string many)
        {
            if (values.Count > 0)
            {
                parts.Add($"{(values.Count == 1 ? one : many)} {Join(values)}");
            }
        }

        Add(themes, "the theme", "the themes");
        Add(services, "the service", "the services");
        Add(tags, "the tag", "the tags");
        var shares = parts.Count == 0 ? "" : "Shares " + Join(parts);
        return (shares, words) switch
        {
            ("", true) => "Its story has words from this review's factors and takeaways.",
            (_, true) => shares + ", and words from this review's factors and takeaways.",
            _ => shares + ".",
        };
    }

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private static IQueryable<LibraryReview> Cards(IQueryable<Review> reviews) =>
        reviews.Select(r => new LibraryReview(r.Id, r.Title, r.IncidentStartedAt, r.PublishedAt, r.Services, r.TlDr));
}
