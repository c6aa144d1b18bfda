using System.Text.Json.Serialization;

namespace Fireside.Core.Reviews;

/// <summary>
/// A post mortem: the story of one incident, told together. Times are UTC inside;
/// pages convert them to the reader's zone at the edge.
/// </summary>
public sealed class Review : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Title { get; set; } = "";
    public DateTime? IncidentStartedAt { get; set; }
    public DateTime? DetectedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? StatusPageAt { get; set; }

    /// <summary>The agreed window the review looks at; entries outside it can be filtered away.</summary>
    public DateTime? ScopeStartsAt { get; set; }
    public DateTime? ScopeEndsAt { get; set; }
    public string? Severity { get; set; }
    public List<string> Services { get; set; } = [];
    public List<string> Tags { get; set; } = [];

    /// <summary>Teams that took part in the incident (a facilitator from one of them gets a gentle warning).</summary>
    public List<string> TeamsInvolved { get; set; } = [];

    /// <summary>The facilitator has gone through the timeline and considers it ready for the meeting.</summary>
    public bool TimelineCurated { get; set; }
    public string Summary { get; set; } = "";
    public string TlDr { get; set; } = "";
    public string Surprises { get; set; } = "";
    public ReviewStatus Status { get; set; } = ReviewStatus.Draft;

    /// <summary>Everyone signed in may read it, or only the people involved (see <see cref="Access.ReviewVisibility"/>).</summary>
    public Access.ReviewVisibility Visibility { get; set; } = Access.ReviewVisibility.Organisation;

    /// <summary>
    /// The zone the review's exports give their times in, chosen once for the review (its creator's zone to begin
    /// with), so a file passed around reads the same for everyone. Pages show each reader's own zone.
    /// </summary>
    public string TimeZone
    {
        get;
        // An archive written before reviews had a zone (or with none) reads as UTC, as its times did.
        set => field = string.IsNullOrWhiteSpace(value) ? "UTC" : value.Trim();
    } = "UTC";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>When the review was last published; cleared when it is taken back.</summary>
    public DateTime? PublishedAt { get; set; }
    public int Version { get; set; } = 1;
    public List<TimelineEntry> Timeline { get; set; } = [];
    public List<Account> Accounts { get; set; } = [];

    public List<Attachment> Attachments { get; set; } = [];

    /// <summary>The accounts of one moment, in the order they were given.</summary>
    public IEnumerable<Account> AccountsOf(Guid entryId) =>
        Accounts.Where(a => a.EntryId == entryId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id);

    /// <summary>Accounts of a stretch of time rather than one moment, grouped by the stretch, earliest first.</summary>
    [JsonIgnore]
    public IEnumerable<IGrouping<(DateTime From, DateTime To), Account>> SpanAccounts =>
        Accounts.Where(a => a.IsSpan)
            .OrderBy(a => a.SpanStartsAt).ThenBy(a => a.SpanEndsAt).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .GroupBy(a => (a.SpanStartsAt!.Value, a.SpanEndsAt!.Value));

    /// <summary>The images and graphs shown with one moment, in the order they were added.</summary>
    public IEnumerable<Attachment> AttachmentsOf(Guid entryId) =>
        Attachments.Where(a => a.EntryId == entryId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id);

    /// <summary>How long users felt the incident: from its start until it was resolved.</summary>
    public TimeSpan? Impact => Between(IncidentStartedAt, ResolvedAt);

    /// <summary>From the start of the incident until someone or something noticed.</summary>
    public TimeSpan? TimeToDetect => Between(IncidentStartedAt, DetectedAt);

    /// <summary>From detection until resolution.</summary>
    public TimeSpan? TimeToResolve => Between(DetectedAt, ResolvedAt);

    public bool IsDeleted => DeletedAt is not null;

    public bool HasScopeWindow => ScopeStartsAt is not null || ScopeEndsAt is not null;

    /// <summary>An entry is in scope when chosen in, or when not chosen out and inside the agreed window.</summary>
    public bool InScope(TimelineEntry entry) => entry.Scope switch
    {
        ScopeChoice.Included => true,
        ScopeChoice.Excluded => false,
        _ => InScopeWindow(entry.OccurredAt),
    };

    public bool InScopeWindow(DateTime moment) =>
        (ScopeStartsAt is not { } from || moment >= from) && (ScopeEndsAt is not { } to || moment <= to);

    /// <summary>The timeline in time order; entries at the same moment keep the order they were written in.</summary>
    [JsonIgnore]
    public IEnumerable<TimelineEntry> OrderedTimeline =>
        Timeline.OrderBy(e => e.OccurredAt).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id);

    /// <summary>Copies already validated input onto the review.</summary>
    public void Apply(ReviewInput input, DateTime now)
    {
        Title = input.Title!.Trim();
        IncidentStartedAt = input.IncidentStartedAt?.UtcDateTime;
        DetectedAt = input.DetectedAt?.UtcDateTime;
        ResolvedAt = input.ResolvedAt?.UtcDateTime;
        StatusPageAt = input.StatusPageAt?.UtcDateTime;
        ScopeStartsAt = input.ScopeStartsAt?.UtcDateTime;
        ScopeEndsAt = input.ScopeEndsAt?.UtcDateTime;
        Severity = string.IsNullOrWhiteSpace(input.Severity) ? null : input.Severity.Trim();
        Services = ReviewRules.CleanList(input.Services);
        Tags = ReviewRules.CleanList(input.Tags);
        Summary = input.Summary ?? "";
        TlDr = input.TlDr ?? "";
        Surprises = input.Surprises ?? "";
        Status = input.Status ?? Status;
        Visibility = input.Visibility ?? Visibility;
        TimeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? TimeZone : input.TimeZone.Trim();
        UpdatedAt = now;
    }

    private static TimeSpan? Between(DateTime? from, DateTime? to) =>
        from is { } f && to is { } t ? t - f : null;
}
