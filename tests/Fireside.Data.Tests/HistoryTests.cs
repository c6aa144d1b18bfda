using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>
/// Every change to a review and what it holds is recorded in the same save: who, when, which part and field, the
/// value before and after. Private notes' history is read only by those who may read the notes. Both databases.
/// </summary>
public abstract class HistoryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    private DatabaseTarget _target = default!;
    private CurrentUser _priya = default!;
    private CurrentUser _fay = default!;
    private Review _review = default!;

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(provider);
        _priya = await PersonAsync("priya@example.com", "Priya");
        _fay = await PersonAsync("fay@example.com", "Fay");
        _review = await _target.Reviews(Now, _priya).CreateAsync(new ReviewInput { Title = "Checkout latency", Summary = "The cache was cold." }, default);
        await _target.Facilitation(Now).AddParticipantAsync(_review.Id, new ParticipantInput { Name = "Fay", Email = "fay@example.com", Role = ParticipantRole.Facilitator }, default);
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private async Task<CurrentUser> PersonAsync(string email, string name)
    {
        await using var db = _target.NewContext();
        var user = new FiresideUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), DisplayName = name };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return CurrentUser.Person(user.Id, name, isAdmin: false);
    }

    private Task<HistoryPage> HistoryAsync(CurrentUser reader, string? person = null, string? part = null)
    {
        var db = _target.NewContext(reader);
        return new HistoryOperations(db, new Permissions(db, reader)).ForReviewAsync(_review.Id, person, part, 1, default);
    }

    [Fact]
    public async Task AChange_IsRecorded_WithWhoWhenAndTheValueBeforeAndAfter()
    {
        var current = await _target.Reviews(Now, _priya).GetAsync(_review.Id, default);
        await _target.Reviews(Now.AddHours(1), _priya).UpdateAsync(_review.Id, ReviewInput.From(current) with { Summary = "The cache was cold after the deploy." }, default);
        var entry = await _target.Reviews(Now, _fay).AddEntryAsync(_review.Id, new TimelineEntryInput { OccurredAt = Now, Actor = "Priya", Text = "Deployed" }, default);
        await _target.Reviews(Now, _fay).UpdateEntryAsync(_review.Id, entry.Id, new TimelineEntryInput { OccurredAt = Now, Actor = "Priya", Text = "Deployed the new cache", Version = entry.Version }, default);

        var history = await HistoryAsync(_priya);

        var summary = Assert.Single(history.Changes, c => c.Field == "summary");
        Assert.Equal(("Priya", "review", "changed"), (summary.Who, summary.Part, summary.Change));
        Assert.Equal(("The cache was cold.", "The cache was cold after the deploy."), (summary.Before, summary.After));
        Assert.Equal(Now.AddHours(1), summary.At);
        var moment = Assert.Single(history.Changes, c => c.Part == "moment" && c.Change == "changed");
        Assert.Equal(("Fay", "text", "Deployed", "Deployed the new cache"), (moment.Who, moment.Field, moment.Before, moment.After));
        Assert.Contains(history.Changes, c => c.Part == "moment" && c.Change == "added" && c.After == "Priya: Deployed");
        Assert.Contains(history.Changes, c => c.Part == "review" && c.Change == "added" && c.After == "Checkout latency");
        Assert.True(history.Changes.Select(c => c.Id).SequenceEqual(history.Changes.Select(c => c.Id).OrderDescending()), "newest first");

        // Narrowed by part and by person; a part it does not know is named in the message.
        Assert.All((await HistoryAsync(_priya, part: "moment")).Changes, c => Assert.Equal("moment", c.Part));
        Assert.All((await HistoryAsync(_priya, person: "Fay")).Changes, c => Assert.Equal("Fay", c.Who));
        var odd = await Assert.ThrowsAsync<DomainValidationException>(() => HistoryAsync(_priya, part: "secrets"));
        Assert.Contains("moment", odd.Errors.Messages());
    }

    [Fact]
    public async Task PrivateNotes_History_IsReadOnlyByThoseWhoReadTheNotes()
    {
        await _target.Facilitation(Now, _fay).AddPrivateNoteAsync(_review.Id, FacilitatorNoteKind.MayFeelExposed, "Priya was on call alone", default);

        Assert.Contains((await HistoryAsync(_fay)).Changes, c => c.Part == "note" && c.After == "Priya was on call alone");
        Assert.DoesNotContain((await HistoryAsync(_priya)).Changes, c => c.Part == "note");
    }

    [Fact]
    public async Task Readers_AndVisibility_AreRecorded_AndAnImportIsOneRecord()
    {
        var db = _target.NewContext(_fay);
        var access = new AccessOperations(db, new Permissions(db, _fay), TimeProvider.System);
        await access.SetVisibilityAsync(_review.Id, ReviewVisibility.Restricted, default);
        await access.GrantAsync(_review.Id, "priya@example.com", default);
        await access.RevokeAsync(_review.Id, "priya@example.com", default);

        await using (var import = _target.NewContext(_fay))
        {
            await TimelineImport.RunAsync(
                import,
                _review.Id,
                () => Enumerable.Range(0, 30).Select(k => new Fireside.Importers.ImportedEntry(Now.AddMinutes(k), "alerts", ActorKind.System, TimelineEntryKind.Alert, $"Alert {k}", null, "csv", $"csv:{k}")),
                null,
                null,
                Now);
        }

        var history = (await HistoryAsync(_fay)).Changes;
        Assert.Contains(history, c => c.Field == "visibility" && c.Before == "Organisation" && c.After == "Restricted" && c.Who == "Fay");
        Assert.Contains(history, c => c.Part == "reader" && c.Change == "added" && c.After == "Priya");
        Assert.Contains(history, c => c.Part == "reader" && c.Change == "removed" && c.Before == "Priya");
        var imported = Assert.Single(history, c => c.Part == "moment");
        Assert.Equal(("imported", "30 moments from csv"), (imported.Change, imported.After));

        // Append-only: nothing in Fireside changes or removes a record, and removing the review keeps them.
        await _target.Reviews(Now).DeleteAsync(_review.Id, default);
        await using var check = _target.NewContext();
        Assert.True(await check.Changes.CountAsync(c => c.ReviewId == _review.Id) >= history.Count);
    }
}

public sealed class SqliteHistoryTests() : HistoryTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresHistoryTests() : HistoryTests(DatabaseProvider.Postgres);
