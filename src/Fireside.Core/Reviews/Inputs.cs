namespace Fireside.Core.Reviews;

/// <summary>What a person (or the API, or the CLI) sends to create or change a review.</summary>
public sealed record ReviewInput
{
    public string? Title { get; init; }
    public DateTimeOffset? IncidentStartedAt { get; init; }
    public DateTimeOffset? DetectedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? StatusPageAt { get; init; }

    /// <summary>Start of the agreed window the review looks at.</summary>
    public DateTimeOffset? ScopeStartsAt { get; init; }

    /// <summary>End of the agreed window the review looks at.</summary>
    public DateTimeOffset? ScopeEndsAt { get; init; }
    public string? Severity { get; init; }
    public IReadOnlyList<string>? Services { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? Summary { get; init; }
    public string? TlDr { get; init; }
    public string? Surprises { get; init; }
    public ReviewStatus? Status { get; init; }

    /// <summary>Who may read it (left as it was when not sent): changing it is for the review's facilitators and admins.</summary>
    public Access.ReviewVisibility? Visibility { get; init; }

    /// <summary>The zone exports give times in, such as Europe/Berlin (left as it was when not sent; UTC for a new review).</summary>
    public string? TimeZone { get; init; }

    /// <summary>The version the sender last saw; required for updates, ignored on create.</summary>
    public int? Version { get; init; }

    public static ReviewInput From(Review review) => new()
    {
        Title = review.Title,
        IncidentStartedAt = ReviewDocument.Utc(review.IncidentStartedAt),
        DetectedAt = ReviewDocument.Utc(review.DetectedAt),
        ResolvedAt = ReviewDocument.Utc(review.ResolvedAt),
        StatusPageAt = ReviewDocument.Utc(review.StatusPageAt),
        ScopeStartsAt = ReviewDocument.Utc(review.ScopeStartsAt),
        ScopeEndsAt = ReviewDocument.Utc(review.ScopeEndsAt),
        Severity = review.Severity,
        Services = review.Services,
        Tags = review.Tags,
        Summary = review.Summary,
        TlDr = review.TlDr,
        Surprises = review.Surprises,
        Status = review.Status,
        Visibility = review.Visibility,
        TimeZone = review.TimeZone,
        Version = review.Version,
    };
}

/// <summary>What is sent to add or change a timeline entry.</summary>
public sealed record TimelineEntryInput
{
    public DateTimeOffset? OccurredAt { get; init; }
    public string? Actor { get; init; }
    public ActorKind? ActorKind { get; init; }
    public TimelineEntryKind? Kind { get; init; }
    public string? Text { get; init; }
    public string? Link { get; init; }

    /// <summary>Mark the moment as an inflection point (left as it was when not sent).</summary>
    public bool? IsInflectionPoint { get; init; }

    /// <summary>Hide the entry as noise; it stays recoverable (left as it was when not sent).</summary>
    public bool? IsHidden { get; init; }

    /// <summary>The phase the entry belongs to; an empty string clears it (left as it was when not sent).</summary>
    public string? Phase { get; init; }

    /// <summary>Chosen into or out of the review's scope, or following its time window (left as it was when not sent).</summary>
    public ScopeChoice? Scope { get; init; }

    /// <summary>The version the sender last saw; required for updates.</summary>
    public int? Version { get; init; }
}
