using System.Text.Json;
using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fireside.Data;

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

/// <summary>How the room tells every screen in it that something changed. The web app sends it over SignalR.</summary>
public interface IRoomBroadcast
{
    /// <summary>Every screen fetches the room again, each with its own rights.</summary>
    Task ChangedAsync(Guid reviewId, CancellationToken cancellationToken);

    /// <summary>A note was saved: screens show it without fetching everything.</summary>
    Task NoteAsync(Guid reviewId, string key, CancellationToken cancellationToken);
}

/// <summary>For places with no live screens to tell (the command line, data tests).</summary>
public sealed class NoRoomBroadcast : IRoomBroadcast
{
    public Task ChangedAsync(Guid reviewId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task NoteAsync(Guid reviewId, string key, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// What people can do in the meeting room, shared by the SignalR hub, the API and the room page: each change
/// asks the permission service, is stored (two people pressing buttons at once are both applied, one after
/// the other), and is announced to everyone in the room.
/// </summary>
public sealed class RoomOperations(FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions, IOptions<MeetingOptions> options, IRoomBroadcast broadcast)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IReadOnlyList<AgendaSection> DefaultAgenda => options.Value.DefaultAgenda;

    /// <summary>Facilitators (and admins) run the clock; note takers and facilitators write notes.</summary>
    public async Task<(bool MayRun, bool MayTakeNotes)> RightsAsync(Guid reviewId, CancellationToken ct)
    {
        var standing = await permissions.StandingAsync(reviewId, ct);
        return (ReviewAccess.Allows(standing, ReviewAction.RunRoom), ReviewAccess.Allows(standing, ReviewAction.TakeNotes));
    }

    /// <summary>The room as one screen sees it; <paramref name="formatTime"/> shows a time in the reader's zone.</summary>
    public async Task<RoomSnapshot> SnapshotAsync(Guid reviewId, Func<DateTime, string> formatTime, CancellationToken ct)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, ct);
        var room = await GetOrCreateAsync(reviewId, ct);
        var title = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => r.Title).FirstAsync(ct);
        var now = Now;
        var view = RoomClock.View(room, now);
        var current = room.CurrentEntryId is { } id
            ? await db.TimelineEntries.AsNoTracking().Where(e => e.Id == id && e.ReviewId == reviewId)
                .Select(e => new EntryView(e.Id, e.OccurredAt, e.Actor, e.Text, e.IsInflectionPoint)).FirstOrDefaultAsync(ct)
            : null;
        if (current is not null)
        {
            current = current with { Label = $"{formatTime(current.OccurredAt)} · {current.Actor}: {current.Text}{(current.IsInflectionPoint ? " (inflection point)" : "")}" };
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
        await GetOrCreateAsync(reviewId, ct);
        await RecordAttendanceAsync(reviewId, user.Id ?? throw new ForbiddenException("Please sign in first."), user.Name, ct);
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
        var room = await GetOrCreateAsync(reviewId, ct);
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

        await ChangeAsync(reviewId, r =>
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
        await AddPinAsync(reviewId, text, ct);
        await ChangedAsync(reviewId, ct);
    }

    public async Task SetPinDoneAsync(Guid reviewId, Guid itemId, bool done, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.RunRoom, reviewId, ct);
        await MarkPinAsync(reviewId, itemId, done, ct);
        await ChangedAsync(reviewId, ct);
    }

    public async Task<NoteView> SaveNoteAsync(Guid reviewId, string? key, string? text, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.TakeNotes, reviewId, ct);
        var note = await StoreNoteAsync(reviewId, key, text, ct);
        var view = new NoteView(note.Key, note.Text, note.UpdatedBy, note.UpdatedAt);
        await broadcast.NoteAsync(reviewId, view.Key, ct);
        return view;
    }

    /// <summary>One shared note, for a screen that heard it changed (null when it has not been written yet).</summary>
    public async Task<NoteView?> NoteAsync(Guid reviewId, string? key, CancellationToken ct)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, ct);
        return await db.MeetingNotes.AsNoTracking().Where(n => n.ReviewId == reviewId && n.Key == key)
            .Select(n => new NoteView(n.Key, n.Text, n.UpdatedBy, n.UpdatedAt)).FirstOrDefaultAsync(ct);
    }

    public async Task SetAgendaAsync(Guid reviewId, IReadOnlyList<AgendaSection>? agenda, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.RunRoom, reviewId, ct);
        await StoreAgendaAsync(reviewId, agenda, ct);
        await ChangedAsync(reviewId, ct);
    }

    /// <summary>The organisation's default agenda for new rooms (admins set it).</summary>
    public async Task SetDefaultAgendaAsync(IReadOnlyList<AgendaSection>? agenda, CancellationToken ct)
    {
        permissions.EnsureAdmin("The default agenda");
        await StoreDefaultAgendaAsync(agenda, ct);
    }

    /// <summary>Tells every screen in the room to fetch the new state (each asks with its own rights).</summary>
    private Task ChangedAsync(Guid reviewId, CancellationToken ct) => broadcast.ChangedAsync(reviewId, ct);

    /// <summary>The room of a review, made with the organisation's default agenda the first time anyone opens it.</summary>
    public async Task<MeetingRoom> GetOrCreateAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        var room = await db.MeetingRooms.FirstOrDefaultAsync(r => r.ReviewId == reviewId, cancellationToken);
        if (room is not null)
        {
            return room;
        }

        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        room = new MeetingRoom { ReviewId = reviewId, Agenda = [.. await DefaultAgendaAsync(cancellationToken)] };
        db.MeetingRooms.Add(room);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else opened the room at the same moment; theirs stands.
            db.ChangeTracker.Clear();
            room = await db.MeetingRooms.FirstAsync(r => r.ReviewId == reviewId, cancellationToken);
        }

        return room;
    }

    /// <summary>
    /// Applies one change to the room's shared state. Two people pressing buttons at once are both applied,
    /// one after the other: a clash on the version reloads the room and applies the change again.
    /// </summary>
    public async Task<MeetingRoom> ChangeAsync(Guid reviewId, Action<MeetingRoom> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var room = await GetOrCreateAsync(reviewId, cancellationToken);
            change(room);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return room;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The agenda new rooms start with: the one admins set in the app, else the configured one.</summary>
    public async Task<IReadOnlyList<AgendaSection>> DefaultAgendaAsync(CancellationToken cancellationToken)
    {
        var configured = DefaultAgenda;
        var saved = await db.Settings.AsNoTracking().Where(s => s.Key == OrgSetting.DefaultAgenda).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return saved is null ? configured : System.Text.Json.JsonSerializer.Deserialize<List<AgendaSection>>(saved, FiresideDb.AgendaJson) ?? configured;
    }

    private async Task StoreDefaultAgendaAsync(IReadOnlyList<AgendaSection>? agenda, CancellationToken cancellationToken)
    {
        ReviewOperations.Throw(Agendas.Validate(agenda));
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == OrgSetting.DefaultAgenda, cancellationToken);
        if (setting is null)
        {
            setting = new OrgSetting { Key = OrgSetting.DefaultAgenda };
            db.Settings.Add(setting);
        }

        setting.Value = System.Text.Json.JsonSerializer.Serialize(agenda!.Select(s => s with { Name = s.Name.Trim() }).ToList(), FiresideDb.AgendaJson);
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<MeetingRoom> StoreAgendaAsync(Guid reviewId, IReadOnlyList<AgendaSection>? agenda, CancellationToken cancellationToken)
    {
        var errors = Agendas.Validate(agenda);
        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        return ChangeAsync(reviewId, room =>
        {
            if (room.StartedAt is not null)
            {
                throw DomainValidationException.For("agenda", "The meeting has started; the agenda stays as it is now.");
            }

            room.Agenda = [.. agenda!.Select(s => s with { Name = s.Name.Trim() })];
            room.Section = 0;
        }, cancellationToken);
    }

    private async Task<ParkingLotItem> AddPinAsync(Guid reviewId, string? text, CancellationToken cancellationToken)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length is 0 or > 2000)
        {
            throw DomainValidationException.For("text", "Please say in a few words what deserves more time (up to 2,000 characters).");
        }

        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        var item = new ParkingLotItem { ReviewId = reviewId, Text = clean, RaisedBy = user.Name, CreatedAt = Now };
        db.ParkingLot.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    private async Task MarkPinAsync(Guid reviewId, Guid itemId, bool done, CancellationToken cancellationToken)
    {
        var item = await db.ParkingLot.FirstOrDefaultAsync(i => i.Id == itemId && i.ReviewId == reviewId, cancellationToken)
            ?? throw new NotFoundException($"There is no parking lot item {itemId} in review {reviewId}.");
        item.Done = done;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves the whole text of one note (the note taker's screen sends it as they type; the newest text wins).</summary>
    private async Task<MeetingNote> StoreNoteAsync(Guid reviewId, string? key, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 60 || !(key.StartsWith("section:", StringComparison.Ordinal) || key.StartsWith("entry:", StringComparison.Ordinal)))
        {
            throw DomainValidationException.For("key", "A note belongs to a section (section:N) or a timeline entry (entry:ID).");
        }

        if (text is { Length: > ReviewRules.MarkdownMaxLength })
        {
            throw DomainValidationException.For("text", $"The note is {text.Length} characters long; please keep it to {ReviewRules.MarkdownMaxLength}.");
        }

        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var note = await db.MeetingNotes.FirstOrDefaultAsync(n => n.ReviewId == reviewId && n.Key == key, cancellationToken);
            if (note is null)
            {
                note = new MeetingNote { ReviewId = reviewId, Key = key };
                db.MeetingNotes.Add(note);
            }

            note.Text = text ?? "";
            note.UpdatedBy = user.Name;
            note.UpdatedAt = Now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return note;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two tabs created the same note at once: load the one that won and write over it.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Records that someone was in the room (once per person).</summary>
    private async Task RecordAttendanceAsync(Guid reviewId, string userId, string name, CancellationToken cancellationToken)
    {
        if (await db.Attendance.AnyAsync(a => a.ReviewId == reviewId && a.UserId == userId, cancellationToken))
        {
            return;
        }

        db.Attendance.Add(new Attendance { ReviewId = reviewId, UserId = userId, Name = name, FirstSeenAt = Now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
