using Fireside.Core.Reviews;

namespace Fireside.Data;

/// <summary>
/// What people wrote in one review, gathered into the parts search looks through. Rebuilt from the review's
/// own rows in the same transaction as every change to them (see <see cref="SearchIndex"/>); the full-text
/// index of each database (SQLite FTS5, PostgreSQL tsvector) is kept from these rows. Private facilitator
/// notes, survey answers and interviews are never copied here, and a deleted review has no row.
/// </summary>
public sealed class SearchDocument
{
    /// <summary>A number the full-text index refers to (FTS5 needs an integer row id).</summary>
    public long Key { get; set; }

    public Guid ReviewId { get; set; }
    public string? Title { get; set; }
    public string? TlDr { get; set; }
    public string? Summary { get; set; }
    public string? Surprises { get; set; }
    public string? Takeaways { get; set; }
    public string? Factors { get; set; }
    public string? Remediation { get; set; }
    public string? Accounts { get; set; }
    public string? Timeline { get; set; }
    public string? Notes { get; set; }

    /// <summary>
    /// SQLite only: the review's services, tags and themes, each run together into a word of its own, never searched
    /// for words: the index keeps them in a column of their own so that a filter narrows the matches inside the index.
    /// </summary>
    public string? Labels { get; set; }
}

/// <summary>
/// One narrow row per searchable review, beside its <see cref="SearchDocument"/> (the same <see cref="Key"/>):
/// what a search filters, sorts and counts facets by, so that a word found in thousands of reviews reads these
/// small rows rather than each review and its whole text. PostgreSQL keeps the full-text vectors here too (columns
/// the migration adds: the whole document's, for matching, and a small one of the parts that weigh most, for the rank).
/// Rebuilt with the document.
/// </summary>
public sealed class SearchEntry
{
    public long Key { get; set; }
    public Guid ReviewId { get; set; }

    /// <summary>When the incident started, or when the review was made: the date search sorts and filters by.</summary>
    public DateTime Date { get; set; }

    public string? Severity { get; set; }
    public ReviewStatus Status { get; set; }

    /// <summary>
    /// The review's services, tags and themes as "kind:value" joined by <see cref="SearchIndex.LabelSeparator"/>
    /// (not indexed for words): a search reads them for its best matches to count the facets.
    /// </summary>
    public string? Labels { get; set; }
}

/// <summary>
/// One service, tag (and later theme) of a review, in a row of its own so that the library can count and
/// filter by them in any database. Kept in step with the review together with its <see cref="SearchDocument"/>.
/// </summary>
public sealed class SearchLabel
{
    public const string Service = "service";
    public const string Tag = "tag";
    public const string Theme = "theme";

    /// <summary>A team involved in the incident, or the team of someone taking part (for the insights' team filter).</summary>
    public const string Team = "team";

    public long Key { get; set; }
    public Guid ReviewId { get; set; }
    public string Kind { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>A review the full-text engine matched: its <see cref="SearchEntry"/> row, with a rank (lower is better on every engine; 0 when unranked).</summary>
public sealed class SearchHit
{
    public Guid ReviewId { get; set; }
    public DateTime Date { get; set; }
    public string? Severity { get; set; }
    public ReviewStatus Status { get; set; }
    public string? Labels { get; set; }
    public double Rank { get; set; }
}

/// <summary>For a review on the page being shown: which parts matched (a bit per <see cref="SearchPart"/>) and a snippet with marked matches.</summary>
public sealed class SearchMatch
{
    public Guid ReviewId { get; set; }
    public long Places { get; set; }
    public string? Snippet { get; set; }
}

/// <summary>The parts of a review search looks through, in the order of the index's columns.</summary>
public enum SearchPart
{
    Title,
    TlDr,
    Summary,
    Surprises,
    Takeaways,
    Factors,
    Remediation,
    Accounts,
    Timeline,
    Notes,
}
