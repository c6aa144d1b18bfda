using System.Globalization;
using Fireside.Core;
using Fireside.Core.Library;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// The library's search, the same from the header box, /library, the API and the command line. The full-text
/// match, who may read each review and the filters are one database query, read once for the total, the order
/// and the facets; then the page's details and snippets are asked for.
/// </summary>
public sealed class SearchOperations(FiresideDb db, Permissions permissions, SeverityCatalog severities, int facetCap = SearchOperations.FacetCap)
{
    private const int FacetValues = 20;

    /// <summary>Facets count the best this many matches; a search that finds more says so beside them.</summary>
    public const int FacetCap = 1000;

    /// <summary>Of these reviews, the ones this search finds (for subscriptions: which new reviews to tell someone about).</summary>
    public async Task<IReadOnlyList<Guid>> MatchingAsync(SearchRequest request, IReadOnlyCollection<Guid> among, CancellationToken cancellationToken)
    {
        var ids = among.ToList();
        var (matched, _, _, _) = Filter(request, ranked: false);
        return await matched.Where(m => ids.Contains(m.ReviewId)).Select(m => m.ReviewId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Reads and checks the request, and builds the query of the search rows it finds (one narrow row per review,
    /// see <see cref="SearchEntry"/>), ranked when asked and the sort is by relevance; and whether the full-text index answers it (words, or labels).
    /// </summary>
    private (IQueryable<SearchHit> Matched, SearchQuery? Query, string Sort, bool Indexed) Filter(SearchRequest request, bool ranked)
    {
        // With no words but a filter (a theme or service linked from the library's home), every review that fits is listed, newest first.
        var browsing = string.IsNullOrWhiteSpace(request.Q)
            && new[] { request.Service, request.Tag, request.Theme, request.Severity, request.Status }.Any(f => !string.IsNullOrWhiteSpace(f));
        var query = browsing ? null : SearchQuery.Parse(request.Q);
        var errors = new ValidationErrors();
        ReviewStatus? status = null;
        if (!string.IsNullOrWhiteSpace(request.Status))
        {
            if (Enum.TryParse<ReviewStatus>(request.Status.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                status = parsed;
            }
            else
            {
                errors.Add("status", $"There is no status called \"{Shorten(request.Status)}\". Try one of: {string.Join(", ", Enum.GetNames<ReviewStatus>().Select(n => n.ToLowerInvariant()))}.");
            }
        }

        LibraryFilters.CheckLabel("service", "service", request.Service, errors);
        LibraryFilters.CheckLabel("tag", "tag", request.Tag, errors);
        LibraryFilters.CheckLabel("theme", "theme", request.Theme, errors);
        LibraryFilters.CheckDays(request.From, request.To, errors);

        var sort = request.Sort?.Trim().ToLowerInvariant() switch
        {
            null or "" or "relevance" => "relevance",
            "date" => "date",
            _ => null,
        };
        if (sort is null)
        {
            errors.Add("sort", "Sort by \"relevance\" or by \"date\".");
        }

        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        // The index narrows by the labels first; each is then checked exactly below.
        List<(string Kind, string Value)> labels = [.. new[] { (SearchLabel.Service, request.Service), (SearchLabel.Tag, request.Tag), (SearchLabel.Theme, request.Theme) }
            .Where(l => !string.IsNullOrWhiteSpace(l.Item2)).Select(l => (l.Item1, l.Item2!.Trim()))];
        var hits = query is not null ? SearchIndex.For(db).Match(db, query, ranked && sort == "relevance", labels)
            : labels.Count > 0 ? SearchIndex.For(db).Labelled(db, labels)
            : db.SearchEntries.AsNoTracking().Select(e => new SearchHit { ReviewId = e.ReviewId, Date = e.Date, Severity = e.Severity, Status = e.Status, Labels = e.Labels, Rank = 0.0 });

        // Who may read a review and the filters are part of the same query as the match, so counts and facets never include the others.
        var matched = permissions.ReadableHits(hits).OnIncidentDays(request.From, request.To);
        foreach (var (kind, value) in labels)
        {
            matched = matched.WithLabel(kind, value);
        }
        if (!string.IsNullOrWhiteSpace(request.Severity))
        {
            var severity = severities.Canonical(request.Severity.Trim()) ?? request.Severity.Trim();
            matched = matched.Where(m => m.Severity == severity);
        }

        if (status is { } wanted)
        {
            matched = matched.Where(m => m.Status == wanted);
        }

        return (matched, query, sort!, query is not null || labels.Count > 0);
    }

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var (matched, query, sort, indexed) = Filter(request, ranked: true);
        var pageSize = Math.Clamp(request.Limit, 1, SearchRequest.PageSize * 5);
        var page = Math.Max(1, request.Page);
        var index = SearchIndex.For(db);
        // Checked before the search opens a read transaction of its own (PostgreSQL does, see BeginSearchAsync).
        var aloneOnConnection = db.Database.CurrentTransaction is null;
        await using var reading = indexed ? await index.BeginSearchAsync(db, cancellationToken) : null;

        // The engine orders the matches and the best FacetCap of them are read (narrow rows: id, rank, date,
        // severity, status, labels) for the page and the facets; the total is a count without the rank.
        static IQueryable<SearchHit> ByRank(IQueryable<SearchHit> hits) => hits.OrderBy(m => m.Rank).ThenByDescending(m => m.Date).ThenBy(m => m.ReviewId);
        var ordered = sort == "date" || query is null ? matched.OrderByDescending(m => m.Date).ThenBy(m => m.ReviewId) : ByRank(matched);
        List<Hit> best;
        var total = 0;
        List<(Hit Hit, double Rank)>? kept = null;
        var margin = Math.Max(1, facetCap / 10);
        if (sort == "relevance" && query is not null && Unfiltered(request))
        {
            // Nothing to leave out but the few restricted reviews closed to the reader (counted apart): the engine
            // counts every match and keeps the best (and a tenth more) before any match is joined and ranked. Where
            // counting is slow (PostgreSQL reads each match's row: a word in 40,000 reviews, 15 ms, as long as reading
            // the best), the count runs on a connection of its own while the best are read, unless the caller holds a
            // transaction.
            // Reviews of equal rank are ordered by date, which FTS5 does not know: when the last one kept ranks the
            // same as the last one needed, more of that rank may lie beyond, so twice as many are kept and looked at
            // again (up to four times the cap; past that the long way decides). Otherwise (or when every match was
            // kept, or the engine orders them by date itself, as PostgreSQL's does) every review up to that rank was
            // kept, and their order is the full search's order.
            var counting = aloneOnConnection && index.SlowCount ? CountBesideAsync(index, query, cancellationToken) : Task.FromResult(await index.CountAsync(db, query, cancellationToken));
            try
            {
                // A count already known to be within the cap needs no shortcut (the long way below ranks them all).
                var many = !counting.IsCompletedSuccessfully || counting.Result > facetCap;
                for (var keep = facetCap + margin; many && kept is null && keep <= (facetCap * 4) + margin && index.Best(db, query, keep) is { } top; keep *= 2)
                {
                    List<(Hit Hit, double Rank)> rows = [.. (await ByRank(permissions.ReadableHits(top)).Take(keep).Select(m => new { m.ReviewId, m.Date, m.Severity, m.Status, m.Labels, m.Rank }).ToListAsync(cancellationToken))
                        .Select(m => (new Hit(m.ReviewId, m.Date, m.Severity, m.Status, m.Labels), m.Rank))];
                    if (await counting is not { } all || all <= facetCap)
                    {
                        break;
                    }

                    var everyMatchKept = all <= keep;
                    if (rows.Count >= facetCap && (index.BestBreaksTies || everyMatchKept || rows[facetCap - 1].Rank < rows[^1].Rank))
                    {
                        kept = rows;
                        total = await permissions.ReadsEveryReviewAsync(cancellationToken)
                            ? all
                            : all - await permissions.ClosedHits(index.Match(db, query, ranked: false)).CountAsync(cancellationToken);
                    }
                    else if (everyMatchKept)
                    {
                        break;
                    }
                }
            }
            finally
            {
                // Never left running after the search (an engine without Best, or an error above); its own error, if any, was met above.
                await ((Task)counting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (kept is not null)
        {
            best = [.. kept.Take(facetCap).Select(k => k.Hit)];
        }
        else
        {
            // The total is counted in the same pass as the best (a filter then reads every match once, not twice:
            // a word in 6,000 reviews filtered to 1,000 of one service, 55 to 32 ms).
            var rows = await ordered
                .Select(m => new { Hit = new Hit(m.ReviewId, m.Date, m.Severity, m.Status, m.Labels), Total = FiresideDb.RowsWithoutLimit() })
                .Take(facetCap)
                .ToListAsync(cancellationToken);
            best = [.. rows.Select(r => r.Hit)];
            total = rows.Count == 0 ? 0 : checked((int)rows[0].Total);
        }

        var skip = (page - 1) * pageSize;
        var pageIds = skip + pageSize <= best.Count || best.Count < facetCap
            ? best.Skip(skip).Take(pageSize).Select(h => h.Id).ToList()
            : skip >= total ? [] : await ordered.Skip(skip).Take(pageSize).Select(m => m.ReviewId).ToListAsync(cancellationToken);
        var details = (await db.Reviews.AsNoTracking()
                .Where(r => pageIds.Contains(r.Id))
                .Select(r => new { r.Id, r.Title, r.Status, r.Severity, r.Services, r.Tags, r.IncidentStartedAt, r.PublishedAt, r.TlDr })
                .ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id);

        var places = query is null ? [] : (await index.PlacesAsync(db, query, pageIds, cancellationToken)).ToDictionary(p => p.ReviewId);
        var results = pageIds.Where(details.ContainsKey).Select(id =>
        {
            var r = details[id];
            places.TryGetValue(id, out var match);
            var snippet = SearchSnippet.FromMarked(match?.Snippet, SearchIndex.MarkStart, SearchIndex.MarkEnd);
            return new SearchResult(
                r.Id, r.Title, r.Status, r.Severity, r.Services, r.Tags, r.IncidentStartedAt, r.PublishedAt,
                MatchedIn(match?.Places ?? 0),
                snippet.Text.Length > 0 ? snippet : new SearchSnippet(Shorten(r.TlDr, 200), []));
        }).ToList();

        return new SearchResults(query?.ToString() ?? "", total, page, pageSize, results, Facets(best)) { FacetsCountedOver = best.Count };
    }

    /// <summary>The engine's count of every match (no filter, no permission), on a context and connection of its own.</summary>
    private async Task<int?> CountBesideAsync(SearchIndex index, SearchQuery query, CancellationToken cancellationToken)
    {
        await using var beside = db.Beside();
        await using var reading = await index.BeginSearchAsync(beside, cancellationToken);
        return await index.CountAsync(beside, query, cancellationToken);
    }

    /// <summary>Whether the search has words and no filter that would leave a match out.</summary>
    private static bool Unfiltered(SearchRequest request) =>
        new[] { request.Service, request.Tag, request.Theme, request.Severity, request.Status }.All(string.IsNullOrWhiteSpace) && request.From is null && request.To is null;

    private sealed record Hit(Guid Id, DateTime Date, string? Severity, ReviewStatus Status, string? Labels);

    private static SearchFacets Facets(List<Hit> hits)
    {
        var labels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal)
        {
            [SearchLabel.Service] = new(StringComparer.Ordinal),
            [SearchLabel.Tag] = new(StringComparer.Ordinal),
            [SearchLabel.Theme] = new(StringComparer.Ordinal),
        };
        foreach (var hit in hits)
        {
            foreach (var label in (hit.Labels ?? "").Split(SearchIndex.LabelSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = label.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && labels.TryGetValue(label[..colon], out var counts))
                {
                    var value = label[(colon + 1)..];
                    counts[value] = counts.GetValueOrDefault(value) + 1;
                }
            }
        }

        static IReadOnlyDictionary<string, int> Top(IEnumerable<KeyValuePair<string, int>> counts) =>
            counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(FacetValues).ToDictionary(c => c.Key, c => c.Value);

        return new SearchFacets(
            Top(labels[SearchLabel.Service]),
            Top(labels[SearchLabel.Tag]),
            Top(hits.Where(h => h.Severity != null).GroupBy(h => h.Severity!).Select(g => KeyValuePair.Create(g.Key, g.Count()))),
            hits.GroupBy(h => h.Status).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key.ToString().ToLowerInvariant(), g => g.Count()),
            Top(labels[SearchLabel.Theme]),
            hits.GroupBy(h => h.Date.Year).OrderByDescending(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count()));
    }

    /// <summary>Rebuilds every review's search document (fireside search reindex); returns how many reviews are in the index.</summary>
    public async Task<int> ReindexAsync(CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("Rebuilding the search index");
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.RefreshSearchAsync(null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await SearchIndex.For(db).CompactAsync(db, cancellationToken);
        return await db.SearchDocuments.CountAsync(cancellationToken);
    }

    private static IReadOnlyList<string> MatchedIn(long places) =>
        [.. SearchPlaces.All.Where((_, k) => (places & (1L << k)) != 0).Select(p => p.Key)];

    private static string Shorten(string? text, int length = 60)
    {
        text = (text ?? "").ReplaceLineEndings(" ").Trim();
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }
}
