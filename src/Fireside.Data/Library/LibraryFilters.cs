using Fireside.Core;
using Fireside.Core.Reviews;

namespace Fireside.Data;

/// <summary>The filters search and insights share: a service, tag or theme, and the days of the incident.</summary>
public static class LibraryFilters
{
    /// <summary>Reviews with this label (a service, tag or theme); all of them when <paramref name="value"/> is empty.</summary>
    public static IQueryable<Review> WithLabel(this IQueryable<Review> reviews, FiresideDb db, string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return reviews;
        }

        var wanted = value.Trim();
        return reviews.Where(r => db.SearchLabels.Any(l => l.ReviewId == r.Id && l.Kind == kind && l.Value == wanted));
    }

    /// <summary>
    /// Search rows with this label (a service, tag or theme); all of them when <paramref name="value"/> is empty.
    /// Read from the row's own list of labels, which it has at hand: looking each match up among the labels took
    /// three times as long for a word found in thousands of reviews.
    /// </summary>
    public static IQueryable<SearchHit> WithLabel(this IQueryable<SearchHit> hits, string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return hits;
        }

        var separator = SearchIndex.LabelSeparator.ToString();
        var wanted = separator + kind + ":" + value.Trim() + separator;
        return hits.Where(h => (separator + h.Labels + separator).Contains(wanted));
    }

    /// <summary>Reviews of incidents on or after <paramref name="from"/> and on or before <paramref name="to"/> (the incident's start, or when the review was made).</summary>
    public static IQueryable<Review> OnIncidentDays(this IQueryable<Review> reviews, DateOnly? from, DateOnly? to)
    {
        var (since, before) = Bounds(from, to);
        reviews = since is { } start ? reviews.Where(r => (r.IncidentStartedAt ?? r.CreatedAt) >= start) : reviews;
        return before is { } end ? reviews.Where(r => (r.IncidentStartedAt ?? r.CreatedAt) < end) : reviews;
    }

    /// <summary>Search rows of incidents on those days (<see cref="SearchEntry.Date"/> is the same date as the review's).</summary>
    public static IQueryable<SearchHit> OnIncidentDays(this IQueryable<SearchHit> hits, DateOnly? from, DateOnly? to)
    {
        var (since, before) = Bounds(from, to);
        hits = since is { } start ? hits.Where(h => h.Date >= start) : hits;
        return before is { } end ? hits.Where(h => h.Date < end) : hits;
    }

    /// <summary>The first moment of <paramref name="from"/> and the first moment after <paramref name="to"/>, in UTC.</summary>
    public static (DateTime? Since, DateTime? Before) Bounds(DateOnly? from, DateOnly? to) =>
        (from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    /// <summary>A service, tag, theme or team to filter by: no control characters (PostgreSQL refuses some) and no longer than a label can be.</summary>
    public static void CheckLabel(string field, string what, string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return;
        }

        if (value.Any(char.IsControl))
        {
            errors.Add(field, $"The {what} to filter by has a control character in it; please type it again without.");
        }
        else if (value.Trim().Length > 200)
        {
            errors.Add(field, $"The {what} to filter by is {value.Trim().Length} characters long; names here are at most 200.");
        }
    }

    public static void CheckDays(DateOnly? from, DateOnly? to, ValidationErrors errors)
    {
        if (from is { } start && to is { } end && end < start)
        {
            errors.Add("to", "The end date is before the start date. Swap them, or leave one out.");
        }
    }
}
