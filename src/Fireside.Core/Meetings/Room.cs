using Fireside.Core.Reviews;

namespace Fireside.Core.Meetings;

/// <summary>What a part of the meeting is for; the timeline section walks the curated timeline.</summary>
public enum SectionKind
{
    Intro,
    Timeline,
    Questions,
    Remediation,
    Other,
}

/// <summary>One timeboxed part of the meeting.</summary>
public sealed record AgendaSection(string Name, int Minutes, SectionKind Kind);

public static class Agendas
{
    /// <summary>An hour: a short welcome, most of the time for the story, questions, and what remains for remediation if needed.</summary>
    public static IReadOnlyList<AgendaSection> Default { get; } =
    [
        new("Welcome: why we are here", 5, SectionKind.Intro),
        new("The story, along the timeline", 40, SectionKind.Timeline),
        new("Questions, starting from the parking lot", 10, SectionKind.Questions),
        new("What we might change (if needed)", 5, SectionKind.Remediation),
    ];

    public static ValidationErrors Validate(IReadOnlyList<AgendaSection>? agenda)
    {
        var errors = new ValidationErrors();
        if (agenda is null || agenda.Count == 0)
        {
            errors.Add("agenda", "An agenda needs at least one section.");
            return errors;
        }

        if (agenda.Count > 12)
        {
            errors.Add("agenda", $"The agenda has {agenda.Count} sections; please keep it to 12.");
        }

        foreach (var (section, index) in agenda.Select((s, i) => (s, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(section.Name) || section.Name.Length > 100)
            {
                errors.Add("agenda", $"Section {index} needs a name of up to 100 characters.");
            }

            if (section.Minutes is < 1 or > 240)
            {
                errors.Add("agenda", $"Section {index} ({section.Name}) is {section.Minutes} minutes; give it between 1 and 240.");
            }

            if (!Enum.IsDefined(section.Kind))
            {
                errors.Add("agenda", $"Section {index} has a kind Fireside does not know.");
            }
        }

        return errors;
    }
}

/// <summary>
/// The meeting room's shared state, kept in the database so every attendee, a late joiner and a reconnecting
/// screen all see the same thing. The clock is stored as time banked while running plus when the current
/// run began; the time left is worked out from those and "now".
/// </summary>
public sealed class MeetingRoom : IVersioned
{
    public Guid ReviewId { get; set; }
    public List<AgendaSection> Agenda { get; set; } = [.. Agendas.Default];
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int Section { get; set; }

    /// <summary>When the clock last started running; null while paused, before the start and after the end.</summary>
    public DateTime? RunningSince { get; set; }

    /// <summary>Time the current section ran before <see cref="RunningSince"/>.</summary>
    public TimeSpan SectionBanked { get; set; }

    /// <summary>Time the whole meeting ran before <see cref="RunningSince"/>.</summary>
    public TimeSpan MeetingBanked { get; set; }

    /// <summary>Where the story has got to on the timeline.</summary>
    public Guid? CurrentEntryId { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>The clock as everyone's screen shows it at one moment.</summary>
public sealed record ClockView(
    string State,
    int Section,
    string SectionName,
    SectionKind SectionKind,
    TimeSpan SectionElapsed,
    TimeSpan SectionLeft,
    TimeSpan MeetingElapsed,
    TimeSpan MeetingLeft,
    TimeSpan MeetingLength);

/// <summary>The shared clock's rules: start, pause, resume, next section, end. Pure, so tests move time by hand.</summary>
public static class RoomClock
{
    public static TimeSpan Length(MeetingRoom room) => TimeSpan.FromMinutes(room.Agenda.Sum(s => s.Minutes));

    public static ClockView View(MeetingRoom room, DateTime now)
    {
        var running = room.RunningSince is { } since ? now - since : TimeSpan.Zero;
        var section = room.Agenda[Math.Clamp(room.Section, 0, room.Agenda.Count - 1)];
        var sectionElapsed = room.SectionBanked + running;
        var meetingElapsed = room.MeetingBanked + running;
        var state = room.EndedAt is not null ? "ended" : room.StartedAt is null ? "waiting" : room.RunningSince is null ? "paused" : "running";
        return new ClockView(state, room.Section, section.Name, section.Kind, sectionElapsed, TimeSpan.FromMinutes(section.Minutes) - sectionElapsed,
            meetingElapsed, Length(room) - meetingElapsed, Length(room));
    }

    public static void Start(MeetingRoom room, DateTime now)
    {
        if (room.EndedAt is not null)
        {
            throw DomainValidationException.For("room", "The meeting has ended.");
        }

        room.StartedAt ??= now;
        room.RunningSince ??= now;
    }

    public static void Pause(MeetingRoom room, DateTime now)
    {
        if (room.RunningSince is { } since)
        {
            room.SectionBanked += now - since;
            room.MeetingBanked += now - since;
            room.RunningSince = null;
        }
    }

    /// <summary>Moves to the next section; its time starts from zero, and the clock keeps running if it was.</summary>
    public static void Next(MeetingRoom room, DateTime now)
    {
        if (room.Section >= room.Agenda.Count - 1)
        {
            throw DomainValidationException.For("room", "This is the last section. End the meeting when you are ready.");
        }

        var wasRunning = room.RunningSince is not null;
        Pause(room, now);
        room.Section++;
        room.SectionBanked = TimeSpan.Zero;
        if (wasRunning)
        {
            room.RunningSince = now;
        }
    }

    public static void End(MeetingRoom room, DateTime now)
    {
        Pause(room, now);
        room.StartedAt ??= now;
        room.EndedAt ??= now;
    }
}

/// <summary>How the story is keeping pace: inflection points covered against the timeline section's time.</summary>
public sealed record PaceView(int Covered, int Total, string? Warning);

public static class Pacing
{
    /// <summary>
    /// Inflection points at or before the current entry count as covered. Once a quarter of the timeline
    /// section has passed, the pace so far is projected over what is left; if it will not fit, the
    /// facilitator gets a gentle warning with the numbers.
    /// </summary>
    public static PaceView For(IReadOnlyList<DateTime> inflectionPoints, DateTime? currentEntryAt, TimeSpan timelineElapsed, TimeSpan timelineLength)
    {
        var total = inflectionPoints.Count;
        var covered = currentEntryAt is { } at ? inflectionPoints.Count(p => p <= at) : 0;
        if (total == 0 || covered >= total || timelineElapsed < timelineLength / 4)
        {
            return new PaceView(covered, total, null);
        }

        var left = timelineLength - timelineElapsed;
        var perPoint = covered == 0 ? timelineElapsed : timelineElapsed / covered;
        var needed = perPoint * (total - covered);
        return needed <= left
            ? new PaceView(covered, total, null)
            : new PaceView(covered, total,
                $"{total - covered} inflection point{(total - covered == 1 ? "" : "s")} to go and {Math.Max(0, (int)left.TotalMinutes)} min left; at this pace that takes about {(int)needed.TotalMinutes} min. Consider pinning a tangent or moving on.");
    }
}

/// <summary>A tangent pinned for later ("that deserves more time; let's come back to it").</summary>
public sealed class ParkingLotItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public string Text { get; set; } = "";
    public string RaisedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool Done { get; set; }
}

/// <summary>The note taker's notes for one section or timeline entry, saved as they type.</summary>
public sealed class MeetingNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }

    /// <summary>"section:N" or "entry:{id}".</summary>
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public string? UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Someone who was in the room.</summary>
public sealed class Attendance
{
    public Guid ReviewId { get; set; }

    /// <summary>The account that came; local to one Fireside, so never exported (the name travels).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTime FirstSeenAt { get; set; }
}

/// <summary>An organisation-wide setting kept in the database, changed by admins in the app.</summary>
public sealed class OrgSetting
{
    public const string DefaultAgenda = "meeting.agenda";

    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
