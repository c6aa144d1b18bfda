using Fireside.Core;
using Fireside.Core.Reviews;
using Fireside.Web.Infrastructure;

namespace Fireside.Web.Features.Reviews;

/// <summary>The review as the edit form holds it: times in the reader's zone, lists as comma-separated text.</summary>
public sealed class ReviewForm
{
    public string Title { get; set; } = "";
    public DateTime? IncidentStartedAt { get; set; }
    public DateTime? DetectedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? StatusPageAt { get; set; }
    public DateTime? ScopeStartsAt { get; set; }
    public DateTime? ScopeEndsAt { get; set; }
    public string Severity { get; set; } = "";
    public string Services { get; set; } = "";
    public string Tags { get; set; } = "";
    public string Summary { get; set; } = "";
    public string TlDr { get; set; } = "";
    public string Surprises { get; set; } = "";
    public ReviewStatus Status { get; set; } = ReviewStatus.Draft;

    /// <summary>The zone exports give times in; a new review starts with its creator's.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>Offered when a review is started: keep it to the people involved (later, the facilitation page changes it).</summary>
    public bool Restricted { get; set; }
    public int Version { get; set; }

    public static ReviewForm From(Review review, UserTime time) => new()
    {
        Title = review.Title,
        IncidentStartedAt = time.ToLocal(review.IncidentStartedAt),
        DetectedAt = time.ToLocal(review.DetectedAt),
        ResolvedAt = time.ToLocal(review.ResolvedAt),
        StatusPageAt = time.ToLocal(review.StatusPageAt),
        ScopeStartsAt = time.ToLocal(review.ScopeStartsAt),
        ScopeEndsAt = time.ToLocal(review.ScopeEndsAt),
        Severity = review.Severity ?? "",
        Services = string.Join(", ", review.Services),
        Tags = string.Join(", ", review.Tags),
        Summary = review.Summary,
        TlDr = review.TlDr,
        Surprises = review.Surprises,
        Status = review.Status,
        TimeZone = review.TimeZone,
        Version = review.Version,
    };

    /// <summary>Converts to the shared input; times that do not exist in the reader's zone become errors.</summary>
    public ReviewInput ToInput(UserTime time, ValidationErrors errors) => new()
    {
        Title = Title,
        IncidentStartedAt = time.ToUtc(IncidentStartedAt, "incidentStartedAt", "Incident started", errors),
        DetectedAt = time.ToUtc(DetectedAt, "detectedAt", "Detected", errors),
        ResolvedAt = time.ToUtc(ResolvedAt, "resolvedAt", "Resolved", errors),
        StatusPageAt = time.ToUtc(StatusPageAt, "statusPageAt", "Status page updated", errors),
        ScopeStartsAt = time.ToUtc(ScopeStartsAt, "scopeStartsAt", "Scope from", errors),
        ScopeEndsAt = time.ToUtc(ScopeEndsAt, "scopeEndsAt", "Scope until", errors),
        Severity = Severity,
        Services = ReviewRules.SplitList(Services),
        Tags = ReviewRules.SplitList(Tags),
        Summary = Summary,
        TlDr = TlDr,
        Surprises = Surprises,
        Status = Status,
        Visibility = Restricted ? Core.Access.ReviewVisibility.Restricted : null,
        TimeZone = TimeZone,
        Version = Version,
    };
}

/// <summary>A timeline entry as its form holds it.</summary>
public sealed class EntryForm
{
    public DateTime? OccurredAt { get; set; }
    public string Actor { get; set; } = "";
    public ActorKind ActorKind { get; set; } = ActorKind.Person;
    public TimelineEntryKind Kind { get; set; } = TimelineEntryKind.Observation;
    public string Text { get; set; } = "";
    public string Link { get; set; } = "";
    public string Phase { get; set; } = "";
    public bool IsInflectionPoint { get; set; }
    public bool IsHidden { get; set; }
    public ScopeChoice Scope { get; set; }
    public int Version { get; set; }

    public static EntryForm From(TimelineEntry entry, UserTime time) => new()
    {
        Scope = entry.Scope,
        Phase = entry.Phase ?? "",
        IsInflectionPoint = entry.IsInflectionPoint,
        IsHidden = entry.IsHidden,
        OccurredAt = time.ToLocal(entry.OccurredAt),
        Actor = entry.Actor,
        ActorKind = entry.ActorKind,
        Kind = entry.Kind,
        Text = entry.Text,
        Link = entry.Link ?? "",
        Version = entry.Version,
    };

    public TimelineEntryInput ToInput(UserTime time, ValidationErrors errors) => new()
    {
        OccurredAt = time.ToUtc(OccurredAt, "occurredAt", "Time", errors),
        Actor = Actor,
        ActorKind = ActorKind,
        Kind = Kind,
        Text = Text,
        Link = Link,
        Phase = Phase,
        IsInflectionPoint = IsInflectionPoint,
        IsHidden = IsHidden,
        Scope = Scope,
        Version = Version,
    };
}

/// <summary>An account as its edit form holds it; the stretch of time only for accounts of a stretch.</summary>
public sealed class AccountForm
{
    /// <summary>The moment a new account is of (the add-account form on the review page); unused when editing.</summary>
    public Guid? EntryId { get; set; }

    public string Author { get; set; } = "";
    public string Saw { get; set; } = "";
    public string Believed { get; set; } = "";
    public string Did { get; set; } = "";
    public string WhySensible { get; set; } = "";
    public bool IsSpan { get; set; }
    public DateTime? SpanStartsAt { get; set; }
    public DateTime? SpanEndsAt { get; set; }
    public int Version { get; set; }

    public static AccountForm From(Fireside.Core.Reviews.Account account, UserTime time) => new()
    {
        Author = account.Author,
        Saw = account.Saw,
        Believed = account.Believed,
        Did = account.Did,
        WhySensible = account.WhySensible,
        IsSpan = account.IsSpan,
        SpanStartsAt = time.ToLocal(account.SpanStartsAt),
        SpanEndsAt = time.ToLocal(account.SpanEndsAt),
        Version = account.Version,
    };

    public AccountInput ToInput(UserTime time, ValidationErrors errors) => new()
    {
        Author = Author,
        Saw = Saw,
        Believed = Believed,
        Did = Did,
        WhySensible = WhySensible,
        SpanStartsAt = IsSpan ? time.ToUtc(SpanStartsAt, "spanStartsAt", "From", errors) : null,
        SpanEndsAt = IsSpan ? time.ToUtc(SpanEndsAt, "spanEndsAt", "Until", errors) : null,
        Version = Version,
    };
}

/// <summary>Words people read for entry kinds.</summary>
public static class EntryKinds
{
    public static string Label(TimelineEntryKind kind) => TimelineEntryKinds.Label(kind);

    public static string Label(ScopeChoice scope) => scope switch
    {
        ScopeChoice.Included => "Always in the scope",
        ScopeChoice.Excluded => "Always outside the scope",
        _ => "In the scope when inside its time window",
    };
}
