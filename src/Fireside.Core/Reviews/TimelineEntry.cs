namespace Fireside.Core.Reviews;

/// <summary>One moment in the incident's story.</summary>
public sealed class TimelineEntry : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public DateTime OccurredAt { get; set; }
    public string Actor { get; set; } = "";
    public ActorKind ActorKind { get; set; } = ActorKind.Person;
    public TimelineEntryKind Kind { get; set; } = TimelineEntryKind.Observation;
    public string Text { get; set; } = "";
    public string? Link { get; set; }

    /// <summary>A moment where the story turned; the meeting uses these as checkpoints.</summary>
    public bool IsInflectionPoint { get; set; }

    /// <summary>Noise (a bot's chatter, say): left out of the story but kept, so it can be brought back.</summary>
    public bool IsHidden { get; set; }

    /// <summary>A name grouping consecutive entries, such as "Detection" or "Mitigation".</summary>
    public string? Phase { get; set; }

    /// <summary>Whether the entry is part of the agreed scope: by the time window, or chosen in or out.</summary>
    public ScopeChoice Scope { get; set; } = ScopeChoice.Window;

    /// <summary>Where an imported entry came from (slack, chat, alertmanager, pagerduty, git, csv); null when written by hand.</summary>
    public string? Source { get; set; }

    /// <summary>The entry's identity in its source, so importing the same data again adds nothing.</summary>
    public string? SourceKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>Copies already validated input onto the entry.</summary>
    public void Apply(TimelineEntryInput input, DateTime now)
    {
        OccurredAt = input.OccurredAt!.Value.UtcDateTime;
        Actor = input.Actor!.Trim();
        ActorKind = input.ActorKind ?? ActorKind.Person;
        Kind = input.Kind ?? TimelineEntryKind.Observation;
        Text = input.Text!.Trim();
        Link = string.IsNullOrWhiteSpace(input.Link) ? null : input.Link.Trim();
        IsInflectionPoint = input.IsInflectionPoint ?? IsInflectionPoint;
        IsHidden = input.IsHidden ?? IsHidden;
        Scope = input.Scope ?? Scope;
        Phase = input.Phase is null ? Phase : string.IsNullOrWhiteSpace(input.Phase) ? null : input.Phase.Trim();
        UpdatedAt = now;
    }
}
