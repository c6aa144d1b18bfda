using Fireside.Core;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Fireside.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Room;

/// <summary>The organisation's meeting settings (section "Meeting").</summary>
public sealed class MeetingOptions
{
    /// <summary>The agenda a new room starts with; the default is the hour from the talk.</summary>
    public List<AgendaSection> Agenda { get; set; } = [];

    public IReadOnlyList<AgendaSection> DefaultAgenda => Agenda.Count > 0 ? Agenda : Agendas.Default;
}

public sealed record EntryView(Guid Id, DateTime OccurredAt, string Actor, string Text, bool IsInflectionPoint)
{
    /// <summary>The moment in words, its time in the reader's zone.</summary>
    public string Label { get; init; } = "";
}

public sealed record ParkingView(Guid Id, string Text, string RaisedBy, DateTime CreatedAt, bool Done);

public sealed record NoteView(string Key, string Text, string? UpdatedBy, DateTime UpdatedAt);

/// <summary>Everything a screen in the room shows, at one moment. Screens count the seconds down themselves between updates.</summary>
public sealed record RoomSnapshot(
    Guid ReviewId,
    string Title,
    DateTime ServerNow,
    string State,
    int Section,
    IReadOnlyList<AgendaSection> Agenda,
    double SectionLeftSeconds,
    double MeetingLeftSeconds,
    PaceView? Pace,
    EntryView? Current,
    IReadOnlyList<ParkingView> ParkingLot,
    IReadOnlyList<NoteView> Notes,
    IReadOnlyList<string> Attendance,
    bool MayRun,
    bool MayTakeNotes);

/// <summary>
/// What people can do in the room, shared by the SignalR hub, the API and the room page: each change asks the
/// permission service first, is stored through <see cref="RoomChanges"/>, and is sent to everyone in the room.
/// </summary>
public sealed class RoomOperations(FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions, Microsoft.Extensions.Options.IOptions<MeetingOptions> options, IHubContext<RoomHub> hub)
{
    public static string Group(Guid reviewId) => $"room:{reviewId}";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IReadOnlyList<AgendaSection> DefaultAgenda => options.Value.DefaultAgenda;

    /// <summary>Facilitators (and admins) run the clock; note takers and facilitators write notes.</summary>
    public async Task<(bool MayRun, bool MayTakeNotes)> RightsAsync(Guid reviewId, CancellationToken ct)
    {
        var standing = await permissions.StandingAsync(reviewId, ct);
        return (ReviewAccess.Allows(standing, ReviewAction.RunRoom), ReviewAccess.Allows(standing, ReviewAction.TakeNotes));
    }

    public async Task<RoomSnapshot> SnapshotAsync(Guid reviewId, UserTime time, CancellationToken ct)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, ct);
        var room = await RoomChanges.GetOrCreateAsync(db, reviewId, DefaultAgenda, ct);
        var title = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => r.Title).FirstAsync(ct);
        var now = Now;
        var view = RoomClock.View(room, now);
        var current = room.CurrentEntryId is { } id
            ? await db.TimelineEntries.AsNoTracking().Where(e => e.Id == id && e.ReviewId == reviewId)
                .Select(e => new EntryView(e.Id, e.OccurredAt, e.Actor, e.Text, e.IsInflectionPoint)).FirstOrDefaultAsync(ct)
            : null;
        if (current is not null)
        {
            current = current with { Label = $"{time.Format(current.OccurredAt, seconds: true)} · {current.Actor}: {current.Text}{(current.IsInflectionPoint ? " (inflection point)" : "")}" };
        }

        PaceView? pace = null;
        if (view.SectionKind == SectionKind.Timeline)
        {
            var points = await db.TimelineEntries.AsNoTracking().Where(e => e.ReviewId == reviewId && e.IsInflectionPoint && !e.IsHidden)
                .OrderBy(e => e.OccurredAt).Select(e => e.OccurredAt).ToListAsync(ct);
            pace = Pacing.For(points, current?.OccurredAt, view.SectionElapsed, TimeSpan.FromMinutes(room.Agenda[view.Section].Minutes));
        }

        var parking = await db.ParkingLot.AsNoTracking().Where(p => p.ReviewId == reviewId).OrderBy(p => p.CreatedAt)
            .Select(p => new ParkingView(p.Id, p.Text, p.RaisedBy, p.CreatedAt, p.Done)).ToListAsync(ct);
        var notes = await db.MeetingNotes.AsNoTracking().Where(n => n.ReviewId == reviewId)
            .Select(n => new NoteView(n.Key, n.Text, n.UpdatedBy, n.UpdatedAt)).ToListAsync(ct);
        var attendance = await db.Attendance.AsNoTracking().Where(a => a.ReviewId == reviewId).OrderBy(a => a.FirstSeenAt).Select(a => a.Name).ToListAsync(ct);
        var (mayRun, mayTakeNotes) = await RightsAsync(reviewId, ct);
        return new RoomSnapshot(reviewId, title, now, view.State, view.Section, room.Agenda, view.SectionLeft.TotalSeconds, view.MeetingLeft.TotalSeconds,
            pace, current, parking, notes, attendance, mayRun, mayTakeNotes);
    }

    public async Task JoinAsync(Guid reviewId, CancellationToken ct)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, ct);
        await RoomChanges.GetOrCreateAsync(db, reviewId, DefaultAgenda, ct);
        await RoomChanges.RecordAttendanceAsync(db, reviewId, user.Id!, user.Name, Now, ct);
        await ChangedAsync(reviewId, ct);
    }

    /// <summary>start, pause, next, end, forward, back, next-inflection.</summary>
    public async Task ActAsync(Guid reviewId, string action, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.RunRoom, reviewId, ct);

        var now = Now;
        var entries = db.TimelineEntries.AsNoTracking().Where(e => e.ReviewId == reviewId && !e.IsHidden);
        TimelineEntry? current = null;
        var room = await RoomChanges.GetOrCreateAsync(db, reviewId, DefaultAgenda, ct);
        if (room.CurrentEntryId is { } currentId)
        {
            current = await entries.FirstOrDefaultAsync(e => e.Id == currentId, ct);
        }

        Guid? target = action switch
        {
            "forward" => await Later(entries, current).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct) ?? current?.Id,
            "back" => current is null ? null : await entries.Where(e => e.OccurredAt < current.OccurredAt || (e.OccurredAt == current.OccurredAt && e.CreatedAt < current.CreatedAt))
                .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.CreatedAt).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct) ?? current.Id,
            "next-inflection" => await Later(entries, current).Where(e => e.IsInflectionPoint).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct) ?? current?.Id,
            _ => current?.Id,
        };

        await RoomChanges.ChangeAsync(db, reviewId, DefaultAgenda, r =>
            {
                switch (action)
                {
                    case "start": RoomClock.Start(r, now); break;
                    case "pause": RoomClock.Pause(r, now); break;
                    case "next": RoomClock.Next(r, now); break;
                    case "end": RoomClock.End(r, now); break;
                    case "forward" or "back" or "next-inflection": r.CurrentEntryId = target; break;
                    default: throw DomainValidationException.For("action", $"\"{action}\" is not something the room does.");
                }
            }, ct);

        await ChangedAsync(reviewId, ct);
    }

    private static IQueryable<TimelineEntry> Later(IQueryable<TimelineEntry> entries, TimelineEntry? current) =>
        (current is null ? entries : entries.Where(e => e.OccurredAt > current.OccurredAt || (e.OccurredAt == current.OccurredAt && e.CreatedAt > current.CreatedAt)))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.CreatedAt);

    public async Task PinAsync(Guid reviewId, string? text, CancellationToken ct)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        await RoomChanges.PinAsync(db, reviewId, text, user.Name, Now, ct);
        await ChangedAsync(reviewId, ct);
    }

    public async Task SetPinDoneAsync(Guid reviewId, Guid itemId, bool done, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.RunRoom, reviewId, ct);
        await RoomChanges.SetPinDoneAsync(db, reviewId, itemId, done, ct);
        await ChangedAsync(reviewId, ct);
    }

    public async Task<NoteView> SaveNoteAsync(Guid reviewId, string? key, string? text, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.TakeNotes, reviewId, ct);
        var note = await RoomChanges.SaveNoteAsync(db, reviewId, key, text, user.Name, Now, ct);
        var view = new NoteView(note.Key, note.Text, note.UpdatedBy, note.UpdatedAt);
        await hub.Clients.Group(Group(reviewId)).SendAsync("note", view, ct);
        return view;
    }

    public async Task SetAgendaAsync(Guid reviewId, IReadOnlyList<AgendaSection>? agenda, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.RunRoom, reviewId, ct);
        await RoomChanges.SetAgendaAsync(db, reviewId, DefaultAgenda, agenda, ct);
        await ChangedAsync(reviewId, ct);
    }

    /// <summary>The organisation's default agenda for new rooms (admins set it).</summary>
    public async Task SetDefaultAgendaAsync(IReadOnlyList<AgendaSection>? agenda, CancellationToken ct)
    {
        permissions.EnsureAdmin("The default agenda");
        await RoomChanges.SetDefaultAgendaAsync(db, agenda, ct);
    }

    /// <summary>Tells every screen in the room to fetch the new state (each asks with its own rights).</summary>
    private Task ChangedAsync(Guid reviewId, CancellationToken ct) =>
        hub.Clients.Group(Group(reviewId)).SendAsync("changed", ct);
}
