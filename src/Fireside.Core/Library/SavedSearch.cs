namespace Fireside.Core.Library;

/// <summary>
/// A search someone saved, with its filters. Subscribed (by email, the webhook, or both), it tells them
/// when a newly published review matches; its Atom feed lists what matches for feed readers.
/// </summary>
public sealed class SavedSearch
{
    public const int NameMaxLength = 100;
    public const int MaxPerPerson = 50;

    public Guid Id { get; set; } = Guid.NewGuid();
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Query { get; set; }
    public string? Service { get; set; }
    public string? Tag { get; set; }
    public string? Theme { get; set; }
    public string? Severity { get; set; }
    public string? Status { get; set; }
    public bool ByEmail { get; set; }
    public bool ByWebhook { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool IsSubscribed => ByEmail || ByWebhook;

    public SearchRequest ToRequest(int limit = SearchRequest.PageSize) => new()
    {
        Q = Query, Service = Service, Tag = Tag, Theme = Theme, Severity = Severity, Status = Status, Sort = "date", Limit = limit,
    };
}

/// <summary>What someone sends to save a search (or change one): the search, a name, and how to be told.</summary>
public sealed record SavedSearchInput(
    string? Name, string? Q, string? Service = null, string? Tag = null, string? Theme = null, string? Severity = null, string? Status = null,
    bool? ByEmail = null, bool? ByWebhook = null);

/// <summary>A review a subscriber was told about on one channel ("email:USERID" or "webhook"), so it is never told twice.</summary>
public sealed class SubscriptionDelivery
{
    public string Channel { get; set; } = "";
    public Guid ReviewId { get; set; }
    public DateTime SentAt { get; set; }
}

/// <summary>A person's secret for reading feeds without signing in (feed readers, chat integrations); only its hash is kept.</summary>
public sealed class FeedToken
{
    public string UserId { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
