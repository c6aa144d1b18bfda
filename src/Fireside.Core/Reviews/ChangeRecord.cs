namespace Fireside.Core.Reviews;

/// <summary>
/// One change to a review or something in it, kept for good: who (a person, through the page or a token), when,
/// which part, and the value before and after. Written in the same transaction as the change; never changed after.
/// </summary>
public sealed class ChangeRecord
{
    public long Id { get; set; }

    public Guid ReviewId { get; set; }

    public DateTime At { get; set; }

    /// <summary>The person's account, or null for Fireside itself (an upgrade, the command line's operator).</summary>
    public string? ActorId { get; set; }

    /// <summary>Their name when they made the change (names change; the record does not).</summary>
    public string ActorName { get; set; } = "";

    /// <summary>The API token the change came through, by its name; null for the pages.</summary>
    public string? Via { get; set; }

    /// <summary>Which part: review, moment, account, person, interview, takeaway, factor, remediation, reader, image, note.</summary>
    public string Part { get; set; } = "";

    public string ItemId { get; set; } = "";

    /// <summary>added, changed or removed.</summary>
    public string Change { get; set; } = "";

    /// <summary>The field that changed (null when the whole item was added or removed).</summary>
    public string? Field { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    /// <summary>A facilitator's private note: its history is read only by whoever may read the notes.</summary>
    public bool Private { get; set; }

    public const int ValueMaxLength = 100_000;
}
