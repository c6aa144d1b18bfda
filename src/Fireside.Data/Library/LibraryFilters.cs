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

    /// <summary>Reviews of incidents on or after <paramref name="from"/> and on or before <paramref name="to"/> (the incident's start, or when the review was made).</summary>
    public static IQueryable<Review> OnIncidentDays(this IQueryable<Review> reviews, DateOnly? from, DateOnly? to)
    {
        if (from is { } start)
        {
            var since = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            reviews = reviews.Where(r => (r.IncidentStartedAt ?? r.CreatedAt) >= since);
        }

        if (to is { } end)
        {
            var before = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            reviews = reviews.Where(r => (r.IncidentStartedAt ?? r.CreatedAt) < before);
        }

        return reviews;
    }

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
