using Fireside.Core.Reviews;

namespace Fireside.Core.Facilitation;

/// <summary>A prep interview with one actor, held before the meeting.</summary>
public sealed class Interview : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }

    /// <summary>The actor interviewed.</summary>
    public Guid ParticipantId { get; set; }
    public DateTime? InterviewedAt { get; set; }

    /// <summary>Who held the interview.</summary>
    public string Interviewer { get; set; } = "";

    /// <summary>Notes the actor agreed to share with everyone in the review (Markdown).</summary>
    public string Notes { get; set; } = "";

    /// <summary>The actor's own version of the timeline, as they told it; parts of it can become accounts on entries.</summary>
    public string ActorTimeline { get; set; } = "";

    /// <summary>Questions to raise in the meeting, when everyone can hear the answer.</summary>
    public string Questions { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public bool IsHeld => InterviewedAt is not null;
}

public sealed record InterviewInput
{
    public DateTimeOffset? InterviewedAt { get; init; }
    public string? Interviewer { get; init; }
    public string? Notes { get; init; }
    public string? ActorTimeline { get; init; }
    public string? Questions { get; init; }

    /// <summary>The version last read; required when changing an interview that exists.</summary>
    public int? Version { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        ReviewRules.CheckLength(errors, "interviewer", "interviewer's name", Interviewer, ReviewRules.ActorMaxLength);
        ReviewRules.CheckLength(errors, "notes", "shared notes", Notes, ReviewRules.MarkdownMaxLength);
        ReviewRules.CheckLength(errors, "actorTimeline", "actor's timeline", ActorTimeline, ReviewRules.MarkdownMaxLength);
        ReviewRules.CheckLength(errors, "questions", "list of questions", Questions, ReviewRules.MarkdownMaxLength);

        return errors;
    }
}

/// <summary>What a private facilitator note is about.</summary>
public enum FacilitatorNoteKind
{
    /// <summary>Someone who may feel exposed or "up against the wall".</summary>
    MayFeelExposed,

    /// <summary>A topic to approach with care.</summary>
    HandleWithCare,

    /// <summary>A topic to come back to later, after a breather.</summary>
    RevisitLater,
}

/// <summary>A note only the review's facilitators (and admins) can read.</summary>
public sealed class FacilitatorNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public FacilitatorNoteKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The review meeting: when, how long, where, and what the invitation carries.</summary>
public sealed class Meeting : IVersioned
{
    public Guid ReviewId { get; set; }
    public DateTime StartsAt { get; set; }
    public int DurationMinutes { get; set; } = DefaultMinutes;

    /// <summary>A room or a video call link.</summary>
    public string? Location { get; set; }

    /// <summary>The invitation's identity in calendars; every update keeps it, so calendars update the same event.</summary>
    public string Uid { get; set; } = "";

    /// <summary>Raised on every change, so calendars know the newest invitation wins.</summary>
    public int Sequence { get; set; }
    public DateTime? InviteSentAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public const int DefaultMinutes = 60;

    public DateTime EndsAt => StartsAt.AddMinutes(DurationMinutes);
}

public sealed record MeetingInput
{
    public DateTimeOffset? StartsAt { get; init; }
    public int? DurationMinutes { get; init; }
    public string? Location { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (StartsAt is null)
        {
            errors.Add("startsAt", "Please choose when the meeting starts.");
        }

        if (DurationMinutes is { } minutes && (minutes < 15 || minutes > 240))
        {
            errors.Add("durationMinutes", $"{minutes} minutes is outside what Fireside plans for; choose between 15 and 240 (an hour suits most reviews).");
        }

        if (Location is { Length: > 500 })
        {
            errors.Add("location", $"The place is {Location.Length} characters long; please keep it to 500.");
        }

        return errors;
    }
}

/// <summary>A looking-deeper prompt for interviews and the meeting.</summary>
public sealed class BankQuestion
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>What the question helps look at, such as "Assumptions".</summary>
    public string Theme { get; set; } = "";
    public string Text { get; set; } = "";
    public int Order { get; set; }
}
