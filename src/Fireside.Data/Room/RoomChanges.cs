using Fireside.Core;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>The meeting room's shared state: the clock, where the story is, the parking lot, notes and who came.</summary>
public static class RoomChanges
{
    /// <summary>The room of a review, made with the organisation's default agenda the first time anyone opens it.</summary>
    public static async Task<MeetingRoom> GetOrCreateAsync(FiresideDb db, Guid reviewId, IReadOnlyList<AgendaSection> defaultAgenda, CancellationToken cancellationToken = default)
    {
        var room = await db.MeetingRooms.FirstOrDefaultAsync(r => r.ReviewId == reviewId, cancellationToken);
        if (room is not null)
        {
            return room;
        }

        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        room = new MeetingRoom { ReviewId = reviewId, Agenda = [.. await DefaultAgendaAsync(db, defaultAgenda, cancellationToken)] };
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
    public static async Task<MeetingRoom> ChangeAsync(FiresideDb db, Guid reviewId, IReadOnlyList<AgendaSection> defaultAgenda, Action<MeetingRoom> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var room = await GetOrCreateAsync(db, reviewId, defaultAgenda, cancellationToken);
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
    public static async Task<IReadOnlyList<AgendaSection>> DefaultAgendaAsync(FiresideDb db, IReadOnlyList<AgendaSection> configured, CancellationToken cancellationToken = default)
    {
        var saved = await db.Settings.AsNoTracking().Where(s => s.Key == OrgSetting.DefaultAgenda).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return saved is null ? configured : System.Text.Json.JsonSerializer.Deserialize<List<AgendaSection>>(saved, FiresideDb.AgendaJson) ?? configured;
    }

    public static async Task SetDefaultAgendaAsync(FiresideDb db, IReadOnlyList<AgendaSection>? agenda, CancellationToken cancellationToken = default)
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

    public static Task<MeetingRoom> SetAgendaAsync(FiresideDb db, Guid reviewId, IReadOnlyList<AgendaSection> defaultAgenda, IReadOnlyList<AgendaSection>? agenda, CancellationToken cancellationToken = default)
    {
        var errors = Agendas.Validate(agenda);
        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        return ChangeAsync(db, reviewId, defaultAgenda, room =>
        {
            if (room.StartedAt is not null)
            {
                throw DomainValidationException.For("agenda", "The meeting has started; the agenda stays as it is now.");
            }

            room.Agenda = [.. agenda!.Select(s => s with { Name = s.Name.Trim() })];
            room.Section = 0;
        }, cancellationToken);
    }

    public static async Task<ParkingLotItem> PinAsync(FiresideDb db, Guid reviewId, string? text, string raisedBy, DateTime now, CancellationToken cancellationToken = default)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length is 0 or > 2000)
        {
            throw DomainValidationException.For("text", "Please say in a few words what deserves more time (up to 2,000 characters).");
        }

        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        var item = new ParkingLotItem { ReviewId = reviewId, Text = clean, RaisedBy = raisedBy, CreatedAt = now };
        db.ParkingLot.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    public static async Task SetPinDoneAsync(FiresideDb db, Guid reviewId, Guid itemId, bool done, CancellationToken cancellationToken = default)
    {
        var item = await db.ParkingLot.FirstOrDefaultAsync(i => i.Id == itemId && i.ReviewId == reviewId, cancellationToken)
            ?? throw new NotFoundException($"There is no parking lot item {itemId} in review {reviewId}.");
        item.Done = done;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves the whole text of one note (the note taker's screen sends it as they type; the newest text wins).</summary>
    public static async Task<MeetingNote> SaveNoteAsync(FiresideDb db, Guid reviewId, string? key, string? text, string? by, DateTime now, CancellationToken cancellationToken = default)
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
            note.UpdatedBy = by;
            note.UpdatedAt = now;
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
    public static async Task RecordAttendanceAsync(FiresideDb db, Guid reviewId, string userId, string name, DateTime now, CancellationToken cancellationToken = default)
    {
        if (await db.Attendance.AnyAsync(a => a.ReviewId == reviewId && a.UserId == userId, cancellationToken))
        {
            return;
        }

        db.Attendance.Add(new Attendance { ReviewId = reviewId, UserId = userId, Name = name, FirstSeenAt = now });
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
