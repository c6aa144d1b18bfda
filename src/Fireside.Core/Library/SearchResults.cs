using Fireside.Core.Reviews;

namespace Fireside.Core.Library;

/// <summary>A search as asked from the box, the API or the command line: the words and the filters.</summary>
public sealed record SearchRequest
{
    public const int PageSize = 20;

    public string? Q { get; init; }
    public string? Service { get; init; }
    public string? Tag { get; init; }
    public string? Severity { get; init; }
    public string? Status { get; init; }

    /// <summary>Reviews with a contributing factor filed under this theme.</summary>
    public string? Theme { get; init; }

    /// <summary>Reviews of incidents on or after this day (the incident's start, or when the review was made).</summary>
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>"relevance" (the default) or "date" (newest incident first).</summary>
    public string? Sort { get; init; }

    public int Page { get; init; } = 1;

    /// <summary>How many results per page (the command line's --limit); at most <see cref="PageSize"/> * 5.</summary>
    public int Limit { get; init; } = PageSize;

    /// <summary>Reads the filters as they come in a link or an API call (all text), with a message naming any that cannot be read.</summary>
    public static SearchRequest FromText(string? q, string? service, string? tag, string? severity, string? status, string? from, string? to, string? sort, string? page, string? theme = null)
    {
        var errors = new ValidationErrors();
        var request = new SearchRequest
        {
            Q = q,
            Service = service,
            Tag = tag,
            Severity = severity,
            Status = status,
            Theme = theme,
            From = ParseDay(from, "from", errors),
            To = ParseDay(to, "to", errors),
            Sort = sort,
            Page = string.IsNullOrWhiteSpace(page) ? 1
                : int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 10_000 ? number
                : Invalid(errors, "page", 1, "The page is a number from 1 upwards."),
        };
        return errors.IsValid ? request : throw new DomainValidationException(errors);
    }

    /// <summary>A day as links and the API write it (2026-03-31); a message for <paramref name="field"/> when it cannot be read.</summary>
    public static DateOnly? ParseDay(string? text, string field, ValidationErrors errors) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date
        : Invalid<DateOnly?>(errors, field, null, "Dates look like 2026-03-31 (year, month, day).");

    private static T Invalid<T>(ValidationErrors errors, string field, T fallback, string message)
    {
        errors.Add(field, message);
        return fallback;
    }
}

/// <summary>One page of results, one per review, with counts for narrowing down.</summary>
public sealed record SearchResults(string Query, int Total, int Page, int PageSize, IReadOnlyList<SearchResult> Results, SearchFacets Facets)
{
    /// <summary>How many of the matches the facets count: all of them, or the most relevant (or newest) when a search finds very many.</summary>
    public int FacetsCountedOver { get; init; }
}

/// <param name="MatchedIn">The parts of the review the words were found in, most telling first (see <see cref="SearchPlaces"/>).</param>
/// <param name="Snippet">A short piece of the best matching part, as plain text, with where the matches are.</param>
public sealed record SearchResult(
    Guid ReviewId,
    string Title,
    ReviewStatus Status,
    string? Severity,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Tags,
    DateTime? IncidentStartedAt,
    DateTime? PublishedAt,
    IReadOnlyList<string> MatchedIn,
    SearchSnippet Snippet);

/// <summary>Plain text and the ranges in it that matched: a page wraps them in marks after encoding the text, never before.</summary>
public sealed record SearchSnippet(string Text, IReadOnlyList<TextRange> Highlights)
{
    public static readonly SearchSnippet Empty = new("", []);

    /// <summary>Reads an engine's snippet in which matches sit between <paramref name="start"/> and <paramref name="end"/> marks.</summary>
    public static SearchSnippet FromMarked(string? marked, char start, char end)
    {
        if (string.IsNullOrEmpty(marked))
        {
            return Empty;
        }

        var text = new System.Text.StringBuilder(marked.Length);
        var ranges = new List<TextRange>();
        var open = -1;
        foreach (var c in marked)
        {
            if (c == start)
            {
                open = text.Length;
            }
            else if (c == end)
            {
                if (open >= 0 && text.Length > open)
                {
                    ranges.Add(new TextRange(open, text.Length - open));
                }

                open = -1;
            }
            else
            {
                // A snippet is one line: breaks and other control characters become spaces, so offsets stay put.
                text.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return new SearchSnippet(text.ToString(), ranges);
    }
}

public sealed record TextRange(int Start, int Length);

/// <summary>Counts per value for each filter, over the reviews that matched.</summary>
public sealed record SearchFacets(
    IReadOnlyDictionary<string, int> Services,
    IReadOnlyDictionary<string, int> Tags,
    IReadOnlyDictionary<string, int> Severities,
    IReadOnlyDictionary<string, int> Statuses,
    IReadOnlyDictionary<string, int> Themes,
    IReadOnlyDictionary<string, int> Years);

/// <summary>The names of the parts of a review, as the API gives them and as a page shows them.</summary>
public static class SearchPlaces
{
    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        ("title", "title"),
        ("tldr", "tl;dr"),
        ("summary", "summary"),
        ("surprises", "why we were surprised"),
        ("takeaways", "takeaways"),
        ("factors", "contributing factors"),
        ("remediation", "remediation"),
        ("accounts", "accounts"),
        ("timeline", "timeline"),
        ("notes", "room notes"),
    ];

    public static string Label(string key) => All.FirstOrDefault(p => p.Key == key).Label ?? key;
}
