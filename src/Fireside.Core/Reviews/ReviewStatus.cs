namespace Fireside.Core.Reviews;

/// <summary>Where a review is in its life, from the first notes to the story everyone can read.</summary>
public enum ReviewStatus
{
    Draft,
    Preparing,
    Scheduled,
    Reviewed,
    Published,
}

/// <summary>What a moment on the timeline was.</summary>
public enum TimelineEntryKind
{
    Observation,
    Action,
    Decision,
    Communication,
    Alert,
    Other,

    /// <summary>What someone believed at the time, which shaped what they did.</summary>
    Assumption,

    /// <summary>A moment when what happened did not match what people expected.</summary>
    Surprise,

    /// <summary>A dashboard, alert, document or person that was consulted.</summary>
    SignalUsed,

    /// <summary>A dashboard, alert, document or person that was available but set aside, and why.</summary>
    SignalSetAside,
}

/// <summary>Who acted: a person, or a system (a deploy tool, an alert, a service).</summary>
public enum ActorKind
{
    Person,
    System,
}

/// <summary>Whether an entry belongs to the review's agreed scope.</summary>
public enum ScopeChoice
{
    /// <summary>In scope when it falls inside the review's agreed time window (or there is none).</summary>
    Window,

    /// <summary>Chosen into the scope, wherever it falls in time.</summary>
    Included,

    /// <summary>Left out of the scope, wherever it falls in time.</summary>
    Excluded,
}

/// <summary>Words people read for entry kinds, the same on pages and in every export.</summary>
public static class TimelineEntryKinds
{
    public static string Label(TimelineEntryKind kind) => kind switch
    {
        TimelineEntryKind.SignalUsed => "Signal used",
        TimelineEntryKind.SignalSetAside => "Signal set aside",
        _ => kind.ToString(),
    };
}
