using Fireside.Core.Meetings;
using Fireside.Core.Reviews;

namespace Fireside.Data.Tests;

/// <summary>The meeting room's state and the review archive, on every provider.</summary>
public abstract class RoomAndArchiveTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Ten = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    private DatabaseTarget _target = default!;
    private DatabaseTarget _other = default!;

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(provider);
        _other = await DatabaseTarget.CreateAsync(provider);
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task Room_KeepsItsAgendaClockNotesAndPins_AndTheArchiveRestoresElsewhereUnchanged()
    {
        var review = await _target.Reviews(Ten).CreateAsync(new ReviewInput { Title = "Cart outage" }, default);
        var entry = await _target.Reviews(Ten).AddEntryAsync(review.Id, new TimelineEntryInput { OccurredAt = new DateTimeOffset(Ten.AddDays(-7)), Actor = "Priya", Text = "Deployed" }, default);
        await _target.Room(Ten).SetAgendaAsync(review.Id, [new("Welcome", 5, SectionKind.Intro), new("Story", 45, SectionKind.Timeline)], default);
        await _target.Room(Ten).ChangeAsync(review.Id, r => RoomClock.Start(r, Ten), default);
        await _target.Room(Ten).ChangeAsync(review.Id, r => { RoomClock.Next(r, Ten.AddMinutes(6)); r.CurrentEntryId = entry.Id; }, default);
        await _target.Room(Ten).ChangeAsync(review.Id, r => RoomClock.Pause(r, Ten.AddMinutes(9)), default);
        await _target.Room(Ten.AddMinutes(7)).SaveNoteAsync(review.Id, "section:1", "First draft", default);
        await _target.Room(Ten.AddMinutes(8)).SaveNoteAsync(review.Id, "section:1", "Priya expected the canary to catch it", default);
        await _target.Room(Ten.AddMinutes(8)).PinAsync(review.Id, "Canary sampling", default);
        await _target.Room(Ten).JoinAsync(review.Id, default);
        await _target.Room(Ten.AddMinutes(1)).JoinAsync(review.Id, default);

        var room = await _target.Room().GetOrCreateAsync(review.Id, default);
        var view = RoomClock.View(room, Ten.AddHours(1));
        Assert.Equal(["Welcome", "Story"], room.Agenda.Select(a => a.Name));
        Assert.Equal(("paused", TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(41)), (view.State, view.SectionElapsed, view.MeetingLeft));
        Assert.Equal(entry.Id, room.CurrentEntryId);
        Assert.Single(_target.NewContext().MeetingNotes, n => n.Text == "Priya expected the canary to catch it");
        Assert.Single(_target.NewContext().Attendance);

        var json = ReviewArchives.ToJson(await _target.Reviews().ExportAsync(review.Id, default));
        await _other.Reviews().ImportAsync(await ReviewArchives.ParseAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "review.json", default), default);
        var again = ReviewArchives.ToJson(await _other.Reviews().ExportAsync(review.Id, default));

        Assert.Equal(json, again);
        Assert.Contains("\"sectionBanked\": \"00:03:00\"", json);
    }
}

public sealed class SqliteRoomAndArchiveTests() : RoomAndArchiveTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRoomAndArchiveTests() : RoomAndArchiveTests(DatabaseProvider.Postgres);
