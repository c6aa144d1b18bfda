using System.ComponentModel.DataAnnotations;
using Fireside.Core.Reviews;

namespace Fireside.Core.Facilitation;

/// <summary>The organisation's facilitation settings (section "Facilitation").</summary>
public sealed class FacilitationOptions
{
    /// <summary>Days after the incident by which actors are interviewed, while memory is fresh.</summary>
    [Range(0, 365)]
    public int InterviewDays { get; set; } = 2;

    /// <summary>Days after the incident by which the meeting is best held.</summary>
    [Range(0, 365)]
    public int MeetingPreferredDays { get; set; } = 7;

    /// <summary>Days after the incident by which the meeting is held at the latest; later, details get smoothed over.</summary>
    [Range(0, 365)]
    public int MeetingLatestDays { get; set; } = 14;

    /// <summary>How close to a deadline (in hours) a review shows as "due soon".</summary>
    [Range(0, 24 * 30)]
    public int DueSoonHours { get; set; } = 24;

    /// <summary>A facilitator with fewer reviews than this behind them is new, and does well with a co-facilitator.</summary>
    [Range(0, 1000)]
    public int ExperiencedAfter { get; set; } = 3;

    /// <summary>"Resolved" (the default) or "Started": which incident time the deadlines count from.</summary>
    [RegularExpression("(?i)^(Resolved|Started)$", ErrorMessage = "Facilitation:CountFrom is Resolved or Started.")]
    public string CountFrom { get; set; } = "Resolved";
}

/// <summary>A deadline and where it stands.</summary>
public sealed record Deadline(string Name, DateTime Due, DeadlineState State)
{
    public bool NeedsAttention => State is DeadlineState.DueSoon or DeadlineState.Missed;
}

public enum DeadlineState
{
    Ahead,
    DueSoon,
    Missed,
    Met,
}

/// <summary>A friendly note that the process is drifting from what makes reviews work. Never a block.</summary>
public sealed record Guardrail(string Code, string Message);

/// <summary>One line of the readiness checklist.</summary>
public sealed record ReadinessItem(string Code, string Label, bool Done, string Hint);

/// <summary>Everything the facilitation rules look at for one review.</summary>
public sealed record FacilitationFacts
{
    public required Review Review { get; init; }
    public IReadOnlyList<Participant> Participants { get; init; } = [];
    public IReadOnlyList<Interview> Interviews { get; init; } = [];
    public Meeting? Meeting { get; init; }

    /// <summary>The names of people who wrote in the incident's imported chat (Slack or chat logs).</summary>
    public IReadOnlyCollection<string> ChatAuthors { get; init; } = [];

    /// <summary>How many other reviews the facilitator has facilitated.</summary>
    public int FacilitatorExperience { get; init; }
    public bool HasScope { get; init; }
    public bool HasInflectionPoints { get; init; }
    public int TimelineEntries { get; init; }

    public Participant? Facilitator => Participants.FirstOrDefault(p => p.Role == ParticipantRole.Facilitator);

    public IEnumerable<Participant> Actors => Participants.Where(p => p.Role == ParticipantRole.Actor);

    /// <summary>Actors without a held interview.</summary>
    public IEnumerable<Participant> ActorsNotInterviewed =>
        Actors.Where(a => !Interviews.Any(i => i.ParticipantId == a.Id && i.IsHeld));
}

/// <summary>The talk's practical advice as rules: guardrails, deadlines, readiness and what needs attention.</summary>
public static class FacilitationRules
{
    public static IReadOnlyList<Guardrail> Guardrails(FacilitationFacts facts, FacilitationOptions options)
    {
        var notes = new List<Guardrail>();
        var facilitator = facts.Facilitator;
        if (facilitator is null)
        {
            notes.Add(new("no-facilitator", "No one is facilitating yet. A facilitator who was not part of the incident keeps the meeting on the story rather than on defending choices."));
        }
        else
        {
            if (facts.Actors.Any(a => a.SamePerson(facilitator)))
            {
                notes.Add(new("facilitator-is-actor", $"{facilitator.Name} is facilitating and is also among the actors. Someone who lived the incident tends to steer the story toward their own view; a facilitator from outside can ask the questions nobody inside thinks to ask."));
            }

            if (facts.ChatAuthors.Any(author => Participant.SameName(author, facilitator.Name)))
            {
                notes.Add(new("facilitator-in-chat", $"{facilitator.Name} wrote in the incident's chat, so they took part in some way. Consider a facilitator who was not there."));
            }

            if (facilitator.Team is { Length: > 0 } team && facts.Review.TeamsInvolved.Any(t => Participant.SameName(t, team)))
            {
                notes.Add(new("facilitator-team-involved", $"{facilitator.Name} is on {team}, a team involved in the incident. A facilitator from another team sees the system with fresh eyes."));
            }

            if (facts.Participants.Any(p => p.Role == ParticipantRole.NoteTaker && p.SamePerson(facilitator)))
            {
                notes.Add(new("note-taker-is-facilitator", $"{facilitator.Name} is both facilitating and taking notes. Doing both at once is hard; a separate note taker lets the facilitator keep their attention on the people in the room."));
            }

            if (facts.FacilitatorExperience < options.ExperiencedAfter && !facts.Participants.Any(p => p.Role == ParticipantRole.CoFacilitator))
            {
                notes.Add(new("new-facilitator-alone", $"{facilitator.Name} has facilitated {facts.FacilitatorExperience} review{(facts.FacilitatorExperience == 1 ? "" : "s")} so far. A co-facilitator with more reviews behind them can help, and both learn from it."));
            }
        }

        if (!facts.Participants.Any(p => p.Role == ParticipantRole.NoteTaker))
        {
            notes.Add(new("no-note-taker", "No note taker yet. Ask someone other than the facilitator to write down the discussion."));
        }

        return notes;
    }

    /// <summary>The time deadlines count from: resolution (or the start, when so configured or when resolution is not known).</summary>
    public static DateTime? DeadlineBase(Review review, FacilitationOptions options) =>
        string.Equals(options.CountFrom, "Started", StringComparison.OrdinalIgnoreCase)
            ? review.IncidentStartedAt ?? review.ResolvedAt
            : review.ResolvedAt ?? review.IncidentStartedAt;

    public static IReadOnlyList<Deadline> Deadlines(FacilitationFacts facts, FacilitationOptions options, DateTime now)
    {
        if (DeadlineBase(facts.Review, options) is not { } from)
        {
            return [];
        }

        var interviewsDone = facts.Actors.Any() && !facts.ActorsNotInterviewed.Any();
        var meetingAt = facts.Meeting?.StartsAt;
        return
        [
            Make("Interviews", from.AddDays(options.InterviewDays), interviewsDone ? facts.Interviews.Max(i => i.InterviewedAt) : null),
            Make("Meeting (best)", from.AddDays(options.MeetingPreferredDays), meetingAt),
            Make("Meeting (at the latest)", from.AddDays(options.MeetingLatestDays), meetingAt),
        ];

        Deadline Make(string name, DateTime due, DateTime? doneAt) =>
            new(name, due, doneAt is { } d ? (d <= due ? DeadlineState.Met : DeadlineState.Missed)
                : now > due ? DeadlineState.Missed
                : due - now <= TimeSpan.FromHours(options.DueSoonHours) ? DeadlineState.DueSoon
                : DeadlineState.Ahead);
    }

    /// <summary>Where a proposed meeting time falls against the deadlines, in words.</summary>
    public static string MeetingFit(Review review, DateTime startsAt, FacilitationOptions options)
    {
        if (DeadlineBase(review, options) is not { } from)
        {
            return "Add when the incident started or was resolved, and Fireside will say how this time fits the deadlines.";
        }

        var preferred = from.AddDays(options.MeetingPreferredDays);
        var latest = from.AddDays(options.MeetingLatestDays);
        return startsAt <= preferred
            ? $"This is within {options.MeetingPreferredDays} days of the incident, while memories are fresh."
            : startsAt <= latest
                ? $"This is after the {options.MeetingPreferredDays}-day mark but within {options.MeetingLatestDays} days. Sooner is better if people can make it."
                : $"This is more than {options.MeetingLatestDays} days after the incident. By then people tend to smooth over details; an earlier time would help.";
    }

    public static IReadOnlyList<ReadinessItem> Readiness(FacilitationFacts facts)
    {
        var facilitator = facts.Facilitator is not null;
        var noteTaker = facts.Participants.Any(p => p.Role == ParticipantRole.NoteTaker);
        var actors = facts.Actors.Any();
        return
        [
            new("scope", "Scope agreed", facts.HasScope, "Set the time window (and moments in or out) the review looks at."),
            new("timeline", "Timeline curated", facts.Review.TimelineCurated, "Go through the timeline, hide noise, then mark it curated."),
            new("inflection", "Inflection points marked", facts.HasInflectionPoints, "Mark the moments where the story turned; the meeting paces itself by them."),
            new("interviews", "Actors interviewed", actors && !facts.ActorsNotInterviewed.Any(), actors ? $"{facts.ActorsNotInterviewed.Count()} actor(s) still to interview." : "Add the actors, then interview each of them."),
            new("roles", "Roles filled", facilitator && noteTaker && actors, "A facilitator, a note taker and the actors."),
            new("meeting", "Meeting scheduled", facts.Meeting is not null, "Propose a time."),
            new("invite", "Invite sent", facts.Meeting?.InviteSentAt is not null, "Send the invitation once the time is set."),
        ];
    }

    /// <summary>Why a review needs attention now; empty when it does not.</summary>
    public static IReadOnlyList<string> AttentionReasons(FacilitationFacts facts, FacilitationOptions options, DateTime now)
    {
        if (facts.Review.Status is ReviewStatus.Reviewed or ReviewStatus.Published)
        {
            return [];
        }

        var reasons = new List<string>();
        if (facts.Facilitator is null)
        {
            reasons.Add("No facilitator yet.");
        }

        var waiting = facts.ActorsNotInterviewed.Select(a => a.Name).ToList();
        if (waiting.Count > 0)
        {
            reasons.Add($"Not interviewed yet: {string.Join(", ", waiting)}.");
        }

        foreach (var deadline in Deadlines(facts, options, now).Where(d => d.NeedsAttention))
        {
            reasons.Add(deadline.State == DeadlineState.Missed
                ? $"{deadline.Name}: the deadline passed on {Durations.Utc(deadline.Due)}."
                : $"{deadline.Name}: due by {Durations.Utc(deadline.Due)}.");
        }

        return reasons;
    }
}
