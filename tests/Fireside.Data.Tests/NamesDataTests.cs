using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Fireside.Importers;
using Fireside.Importers.Slack;
using Fireside.Importers.Tests;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>People are people: names from chat and typed names put together in a review, remembered for later imports, on every provider.</summary>
public abstract class NamesDataTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    private DatabaseTarget _target = default!;
    private Guid _reviewId;

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(provider);
        _reviewId = await NewReviewAsync("Checkout");
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private async Task<Guid> NewReviewAsync(string title)
    {
        var id = (await _target.Reviews(Now).CreateAsync(new ReviewInput { Title = title }, default)).Id;
        await TimelineImport.RunAsync(_target.NewContext(), id, () => new SlackExportImporter().Read(Fixtures.SlackZip(), new ImportOptions()), null, null, Now);
        return id;
    }

    private NamesOperations People(CurrentUser? user = null)
    {
        user ??= CurrentUser.Operator();
        var db = _target.NewContext(user);
        return new NamesOperations(db, TimeProvider.System, user, new Permissions(db, user));
    }

    private Task<List<string>> ActorsAsync(Guid reviewId) =>
        _target.NewContext().TimelineEntries.Where(e => e.ReviewId == reviewId).OrderBy(e => e.OccurredAt).Select(e => e.Actor).ToListAsync();

    [Fact]
    public async Task Merge_PutsMomentsAccountsAndRolesUnderOneName()
    {
        var priyaMoment = await _target.NewContext().TimelineEntries.FirstAsync(e => e.ReviewId == _reviewId && e.Actor == "Priya");
        await _target.Reviews(Now).AddAccountAsync(_reviewId, priyaMoment.Id, new AccountInput { Author = "Priya Raman", Saw = "The error rate climbing" }, default);
        await _target.Facilitation(Now).AddParticipantAsync(_reviewId, new ParticipantInput { Name = "priya raman", Role = ParticipantRole.Actor }, default);

        var result = await People().MergeAsync(_reviewId, new PeopleMergeInput { From = "Priya", Into = "Priya Raman" }, default);

        Assert.Equal(3, result.Moments);
        Assert.Equal("“Priya” is now “Priya Raman” on 3 moments. Later imports will use the name too.", result.ToString());
        Assert.DoesNotContain("Priya", await ActorsAsync(_reviewId));
        var view = await People().InReviewAsync(_reviewId, default);
        var priya = Assert.Single(view.People, p => p.Name.StartsWith("Priya", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Priya Raman", priya.Name);
        Assert.Equal((3, 1, ParticipantRole.Actor), (priya.Moments, priya.Accounts, Assert.Single(priya.Roles)));
        Assert.Equal(["priya raman"], priya.OtherSpellings);
        // People first, then the two systems (the deploy bot) last.
        Assert.Equal(ActorKind.System, view.People[^1].Kind);
        var history = await _target.NewContext().Changes.Where(c => c.ReviewId == _reviewId && c.Part == "person" && c.Change == "merged").SingleAsync();
        Assert.Equal(("merged", "Priya", "Priya Raman"), (history.Change, history.Before, history.After));
    }

    [Fact]
    public async Task Merge_IsRememberedForTheNextImport_InAnotherReview()
    {
        await People().MergeAsync(_reviewId, new PeopleMergeInput { From = "Sam Okafor", Into = "Sam O." }, default);

        var next = await NewReviewAsync("Payments");

        var actors = await ActorsAsync(next);
        Assert.Equal(2, actors.Count(a => a == "Sam O."));
        Assert.DoesNotContain("Sam Okafor", actors);
        // The bot and the other people come in as they are.
        Assert.Contains("deploy-bot", actors);
        Assert.Contains("Priya", actors);
    }

    [Fact]
    public async Task Merge_KeepsPeopleAndSystemsApart()
    {
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() =>
            People().MergeAsync(_reviewId, new PeopleMergeInput { From = "deploy-bot", Into = "Priya" }, default));

        Assert.Equal("“deploy-bot” is a system and “Priya” a person. Fireside keeps people and systems apart, so they cannot be one.", Assert.Single(refused.Errors.For("into")));
        Assert.Contains("deploy-bot", await ActorsAsync(_reviewId));
    }

    [Fact]
    public async Task Merge_RefusesANameTheReviewDoesNotHold_AndChangesNothing()
    {
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() =>
            People().MergeAsync(_reviewId, new PeopleMergeInput { From = "Nobody Here", Into = "Priya" }, default));

        Assert.Contains("does not appear in this review", Assert.Single(refused.Errors.For("from")), StringComparison.Ordinal);
        Assert.Empty(await _target.NewContext().PersonAliases.ToListAsync());
    }

    [Fact]
    public async Task Merge_OfTwoActorRoles_KeepsOne_WithTheInterview()
    {
        var facilitation = _target.Facilitation(Now);
        var typed = await facilitation.AddParticipantAsync(_reviewId, new ParticipantInput { Name = "Lee Park", Role = ParticipantRole.Actor, Email = "lee@example.com" }, default);
        var fromChat = await _target.Facilitation(Now).AddParticipantAsync(_reviewId, new ParticipantInput { Name = "Lee", Role = ParticipantRole.Actor, IsMainActor = true }, default);
        await _target.Facilitation(Now).SaveInterviewAsync(_reviewId, fromChat.Id, new InterviewInput { Interviewer = "Ada", Notes = "Saw the queue grow" }, default);

        var result = await People().MergeAsync(_reviewId, new PeopleMergeInput { From = "Lee", Into = "Lee Park" }, default);

        Assert.Equal("“Lee” is now “Lee Park” on 1 moment and 1 role. Later imports will use the name too.", result.ToString());
        var actors = await _target.NewContext().Participants.Where(p => p.ReviewId == _reviewId).ToListAsync();
        var lee = Assert.Single(actors);
        Assert.Equal((typed.Id, "Lee Park", "lee@example.com", true), (lee.Id, lee.Name, lee.Email, lee.IsMainActor));
        Assert.Equal(typed.Id, (await _target.NewContext().Interviews.SingleAsync(i => i.ReviewId == _reviewId)).ParticipantId);
        Assert.Equal(["Lee Park"], (await ActorsAsync(_reviewId)).Where(a => a.StartsWith("Lee", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public async Task Merge_IsTheFacilitators_NotEveryMembers()
    {
        var member = CurrentUser.Person("member-1", "Kim", isAdmin: false);

        await Assert.ThrowsAsync<ForbiddenException>(() => People(member).MergeAsync(_reviewId, new PeopleMergeInput { From = "Priya", Into = "Priya Raman" }, default));

        Assert.False((await People(member).InReviewAsync(_reviewId, default)).MayMerge);
        Assert.Contains("Priya", await ActorsAsync(_reviewId));
        await Assert.ThrowsAsync<ForbiddenException>(() => People(member).RememberedAsync(default));
    }

    [Fact]
    public async Task Forget_LetsTheNextImportKeepTheName()
    {
        await People().MergeAsync(_reviewId, new PeopleMergeInput { From = "Priya", Into = "Priya Raman" }, default);
        var remembered = Assert.Single(await People().RememberedAsync(default));
        Assert.Equal(("Priya Raman", "Priya"), (remembered.Name, Assert.Single(remembered.Names).Name));

        await People().ForgetAsync(remembered.Names[0].Id, default);

        Assert.Contains("Priya", await ActorsAsync(await NewReviewAsync("Again")));
        Assert.Empty(await People().RememberedAsync(default));
    }

    [Fact]
    public async Task LaterWord_Wins_WhenANameIsPutWithSomeoneElse()
    {
        await People().MergeAsync(_reviewId, new PeopleMergeInput { From = "Priya", Into = "Priya R." }, default);
        await People().MergeAsync(_reviewId, new PeopleMergeInput { From = "Priya R.", Into = "Priya Raman" }, default);

        var actors = await ActorsAsync(await NewReviewAsync("Again"));

        Assert.Equal(3, actors.Count(a => a == "Priya Raman"));
    }
}

public sealed class SqliteNamesDataTests() : NamesDataTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresNamesDataTests() : NamesDataTests(DatabaseProvider.Postgres);
