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

    private HistoryOperations As(CurrentUser user, DateTime? at = null)
    {
        var db = _target.NewContext(user);
        db.Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(at ?? Now));
        return new HistoryOperations(db, new Permissions(db, user));
    }

    [Fact]
    public async Task AnEarlierText_CanBePutBack_AndThatIsRecordedToo()
    {
        var current = await _target.Reviews(Now, _priya).GetAsync(_review.Id, default);
        await _target.Reviews(Now.AddHours(1), _fay).UpdateAsync(_review.Id, ReviewInput.From(current) with { Summary = "Someone broke the cache." }, default);
        var changed = (await HistoryAsync(_priya, part: "review")).Changes.First(c => c.Field == "summary");
        Assert.True(changed.MayPutBack);

        await As(_priya, Now.AddHours(2)).PutBackAsync(_review.Id, changed.Id, default);

        Assert.Equal("The cache was cold.", (await _target.Reviews(Now).GetAsync(_review.Id, default)).Summary);
        var putBack = (await HistoryAsync(_priya)).Changes[0];
        Assert.Equal(("Priya", "summary", "Someone broke the cache.", "The cache was cold."), (putBack.Who, putBack.Field, putBack.Before, putBack.After));
        Assert.Equal(Now.AddHours(2), putBack.At);
        // The search index follows, as after any edit.
        var db = _target.NewContext();
        var found = await new SearchOperations(db, new Permissions(db, _priya), _target.Severities).SearchAsync(new Fireside.Core.Library.SearchRequest { Q = "broke" }, default);
        Assert.Equal(0, found.Total);
    }

    [Fact]
    public async Task PuttingBack_AsksTheSameRightsAsEditing_AndSaysWhatCannotBe()
    {
        var entry = await _target.Reviews(Now, _fay).AddEntryAsync(_review.Id, new TimelineEntryInput { OccurredAt = Now, Actor = "Fay", Text = "Paged" }, default);
        var account = await _target.Reviews(Now, _fay).AddAccountAsync(_review.Id, entry.Id, new AccountInput { Author = "Fay", Saw = "Errors rising" }, default);
        await _target.Reviews(Now, _fay).UpdateAccountAsync(_review.Id, account.Id, new AccountInput { Author = "Fay", Saw = "Errors rising fast", Version = account.Version }, default);
        var fays = (await HistoryAsync(_priya, part: "account")).Changes.First(c => c.Change == "changed");
        var added = (await HistoryAsync(_priya, part: "review")).Changes.First(c => c.Change == "added");

        // Priya may not change Fay's account, so she is not offered it and is refused; Fay may.
        Assert.False(fays.MayPutBack);
        await Assert.ThrowsAsync<ForbiddenException>(() => As(_priya).PutBackAsync(_review.Id, fays.Id, default));
        Assert.True((await HistoryAsync(_fay, part: "account")).Changes.First(c => c.Change == "changed").MayPutBack);
        var notText = await Assert.ThrowsAsync<DomainValidationException>(() => As(_fay).PutBackAsync(_review.Id, added.Id, default));
        Assert.Contains("Only an earlier text", notText.Errors.Messages());
        await Assert.ThrowsAsync<NotFoundException>(() => As(_fay).PutBackAsync(_review.Id, long.MaxValue, default));

        // Once the moment is gone, there is nothing to put its account's text back into.
        await _target.Reviews(Now, _fay).DeleteEntryAsync(_review.Id, entry.Id, default);
        Assert.False((await HistoryAsync(_fay, part: "account")).Changes.First(c => c.Change == "changed").MayPutBack);
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => As(_fay).PutBackAsync(_review.Id, fays.Id, default));
        Assert.Contains("removed since", gone.Message);
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
