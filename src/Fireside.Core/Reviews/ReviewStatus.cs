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
}

/// <summary>Who acted: a person, or a system (a deploy tool, an alert, a service).</summary>
public enum ActorKind
{
    Person,
    System,
}
