using System.Globalization;

namespace Fireside.Core.Reviews;

/// <summary>A review as the API returns it and the JSON export writes it. Times are UTC.</summary>
public sealed record ReviewDocument
{
    public required Guid Id { get; init; }
    public required string Title { get; init; }
    public DateTimeOffset? IncidentStartedAt { get; init; }
    public DateTimeOffset? DetectedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? StatusPageAt { get; init; }
    public DateTimeOffset? ScopeStartsAt { get; init; }
    public DateTimeOffset? ScopeEndsAt { get; init; }
    public TimeSpan? Impact { get; init; }
    public TimeSpan? TimeToDetect { get; init; }
    public TimeSpan? TimeToResolve { get; init; }
    public string? Severity { get; init; }
    public string? SeverityDescription { get; init; }
    public required IReadOnlyList<string> Services { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required string Summary { get; init; }
    public required string TlDr { get; init; }
    public required string Surprises { get; init; }
    public required ReviewStatus Status { get; init; }

    /// <summary>Everyone signed in (organisation) or only the people involved and those granted access (restricted).</summary>
    public Access.ReviewVisibility Visibility { get; init; }

    /// <summary>The zone the review's exports give their times in (the times here stay UTC).</summary>
    public string TimeZone { get; init; } = "UTC";
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<TimelineEntryDocument> Timeline { get; init; }

    /// <summary>Accounts of a stretch of time rather than one moment.</summary>
    public IReadOnlyList<AccountDocument> SpanAccounts { get; init; } = [];

    public static ReviewDocument From(Review review, SeverityCatalog severities) => new()
    {
        Id = review.Id,
        Title = review.Title,
        IncidentStartedAt = Utc(review.IncidentStartedAt),
        DetectedAt = Utc(review.DetectedAt),
        ResolvedAt = Utc(review.ResolvedAt),
        StatusPageAt = Utc(review.StatusPageAt),
        ScopeStartsAt = Utc(review.ScopeStartsAt),
        ScopeEndsAt = Utc(review.ScopeEndsAt),
        Impact = review.Impact,
        TimeToDetect = review.TimeToDetect,
        TimeToResolve = review.TimeToResolve,
        Severity = review.Severity,
        SeverityDescription = severities.Find(review.Severity)?.Description,
        Services = review.Services,
        Tags = review.Tags,
        Summary = review.Summary,
        TlDr = review.TlDr,
        Surprises = review.Surprises,
        Status = review.Status,
        Visibility = review.Visibility,
        TimeZone = review.TimeZone,
        CreatedAt = Utc(review.CreatedAt),
        UpdatedAt = Utc(review.UpdatedAt),
        DeletedAt = Utc(review.DeletedAt),
        Version = review.Version,
        Timeline = [.. review.OrderedTimeline.Select(e => TimelineEntryDocument.From(e, review.AccountsOf(e.Id), review.AttachmentsOf(e.Id)))],
        SpanAccounts = [.. review.SpanAccounts.SelectMany(g => g).Select(AccountDocument.From)],
    };

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}

/// <summary>A timeline entry as the API returns it.</summary>
public sealed record TimelineEntryDocument
{
    public required Guid Id { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Actor { get; init; }
    public required ActorKind ActorKind { get; init; }
    public required TimelineEntryKind Kind { get; init; }
    public required string Text { get; init; }
    public string? Link { get; init; }
    public string? Source { get; init; }
    public bool IsInflectionPoint { get; init; }
    public bool IsHidden { get; init; }
    public string? Phase { get; init; }
    public ScopeChoice Scope { get; init; }
    public IReadOnlyList<AccountDocument> Accounts { get; init; } = [];
    public IReadOnlyList<AttachmentDocument> Attachments { get; init; } = [];
    public required int Version { get; init; }

    public static TimelineEntryDocument From(TimelineEntry entry, IEnumerable<Account>? accounts = null, IEnumerable<Attachment>? attachments = null) => new()
    {
        Scope = entry.Scope,
        Attachments = [.. (attachments ?? []).Select(AttachmentDocument.From)],
        IsInflectionPoint = entry.IsInflectionPoint,
        IsHidden = entry.IsHidden,
        Phase = entry.Phase,
        Accounts = [.. (accounts ?? []).Select(AccountDocument.From)],
        Id = entry.Id,
        OccurredAt = ReviewDocument.Utc(entry.OccurredAt),
        Actor = entry.Actor,
        ActorKind = entry.ActorKind,
        Kind = entry.Kind,
        Text = entry.Text,
        Link = entry.Link,
        Source = entry.Source,
        Version = entry.Version,
    };
}

/// <summary>One person's account of a moment (or of a stretch of time, when entryId is null), as the API returns it.</summary>
public sealed record AccountDocument(
    Guid Id, Guid? EntryId, DateTimeOffset? SpanStartsAt, DateTimeOffset? SpanEndsAt, string Author, string Saw, string Believed, string Did, string WhySensible, int Version)
{
    public static AccountDocument From(Account a) =>
        new(a.Id, a.EntryId, ReviewDocument.Utc(a.SpanStartsAt), ReviewDocument.Utc(a.SpanEndsAt), a.Author, a.Saw, a.Believed, a.Did, a.WhySensible, a.Version);
}

/// <summary>An image shown with a moment. <c>Url</c> is where to fetch it: Fireside's own address for an upload (it needs the same sign-in), or the linked address.</summary>
public sealed record AttachmentDocument(Guid Id, Guid EntryId, string Caption, string Url, bool IsUpload, string? FileName, string? ContentType, long Size)
{
    public static AttachmentDocument From(Attachment a) =>
        new(a.Id, a.EntryId, a.Caption, a.Url ?? ContentPath(a), a.IsUpload, a.FileName, a.ContentType, a.Size);

    /// <summary>Where an uploaded image is served.</summary>
    public static string ContentPath(Attachment a) => $"/api/reviews/{a.ReviewId}/attachments/{a.Id}/content";
}

/// <summary>A review in a list: enough to choose one.</summary>
public sealed record ReviewSummary(
    Guid Id,
    string Title,
    ReviewStatus Status,
    string? Severity,
    DateTimeOffset? IncidentStartedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Tags,
    int TimelineCount);

/// <summary>Friendly text for durations and times, shared by pages, exports and the CLI.</summary>
public static class Durations
{
    /// <summary>"2 d 3 h", "1 h 05 min", "12 min", "40 s".</summary>
    public static string Describe(TimeSpan? span)
    {
        if (span is not { } s)
        {
            return "—";
        }

        var sign = s < TimeSpan.Zero ? "−" : "";
        s = s.Duration();
        var text = s.TotalDays >= 1 ? $"{(int)s.TotalDays} d {s.Hours} h"
            : s.TotalHours >= 1 ? $"{(int)s.TotalHours} h {s.Minutes:00} min"
            : s.TotalMinutes >= 1 ? $"{(int)s.TotalMinutes} min"
            : $"{s.Seconds} s";
        return sign + text;
    }

    public static string Utc(DateTime? value) =>
        value is { } v ? v.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>A UTC time as the clock read in <paramref name="zone"/> ("2026-11-20 11:02"); the zone is named once by the caller.</summary>
    public static string In(DateTime? value, TimeZoneInfo zone, bool seconds = false) =>
        value is { } v
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(v, DateTimeKind.Utc), zone).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "—";

    /// <summary>The zone with this id, or UTC when this machine does not know it (a review restored from elsewhere).</summary>
    public static TimeZoneInfo Zone(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool IsKnownZone(string id) => id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
