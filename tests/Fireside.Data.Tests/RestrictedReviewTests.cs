using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Library;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>
/// A restricted review is read by its participants, the people granted access by name, and admins; everyone else
/// is left out inside the query (lists, search, facets, counts, the library, related reviews, needs-attention) and
/// refused by name at its door. The same on SQLite and PostgreSQL.
/// </summary>
public abstract class RestrictedReviewTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    private DatabaseTarget _target = default!;
    private CurrentUser _outsider = default!;
    private CurrentUser _actor = default!;
    private CurrentUser _facilitator = default!;
    private CurrentUser _guest = default!;
    private readonly CurrentUser _admin = CurrentUser.Person("admin-1", "Ada", isAdmin: true);
    private Review _secret = default!;
    private Review _open = default!;

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(provider);
        _outsider = await PersonAsync("oscar@example.com", "Oscar");
        _actor = await PersonAsync("priya@example.com", "Priya");
        _facilitator = await PersonAsync("fay@example.com", "Fay");
        _guest = await PersonAsync("gus@example.com", "Gus");

        _open = await _target.Reviews(Now).CreateAsync(new ReviewInput { Title = "Checkout latency", Services = ["checkout"], Summary = "The checkout cache was cold." }, default);
        _secret = await _target.Reviews(Now).CreateAsync(
            new ReviewInput { Title = "Leaked signing key", Services = ["checkout"], Summary = "The checkout signing key was in a public log.", Visibility = ReviewVisibility.Restricted },
            default);
        await _target.Facilitation(Now).AddParticipantAsync(_secret.Id, new ParticipantInput { Name = "Priya", Email = "priya@example.com", Role = ParticipantRole.Actor }, default);
        await _target.Facilitation(Now).AddParticipantAsync(_secret.Id, new ParticipantInput { Name = "Fay", Email = "fay@example.com", Role = ParticipantRole.Facilitator }, default);
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

    private AccessOperations Access(CurrentUser user)
    {
        var db = _target.NewContext();
        return new AccessOperations(db, new Permissions(db, user), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(Now)));
    }

    private async Task<List<Guid>> ListedForAsync(CurrentUser user)
    {
        await using var db = _target.NewContext();
        return await new Permissions(db, user).ReadableReviews().Select(r => r.Id).ToListAsync();
    }

    private async Task<SearchResults> SearchAsync(CurrentUser user, string q = "checkout")
    {
        var db = _target.NewContext();
        return await new SearchOperations(db, new Permissions(db, user), _target.Severities).SearchAsync(new SearchRequest { Q = q }, default);
    }

    [Fact]
    public async Task Outsider_DoesNotSeeIt_InListsSearchFacetsOrCounts()
    {
        Assert.Equal([_open.Id], await ListedForAsync(_outsider));
        var found = await SearchAsync(_outsider);
        Assert.Equal(1, found.Total);
        Assert.Equal([_open.Id], found.Results.Select(r => r.ReviewId));
        Assert.Equal(1, found.Facets.Services["checkout"]);
        Assert.Empty((await SearchAsync(_outsider, "signing")).Results);

        await using var db = _target.NewContext();
        Assert.False(await new Permissions(db, _outsider).ReadsEveryReviewAsync(default));
    }

    [Fact]
    public async Task Insights_CountItForTheWholeOrganisation_ButANarrowedViewOnlyForItsReaders()
    {
        using var cache = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
        InsightsOperations As(CurrentUser user)
        {
            var db = _target.NewContext();
            return new InsightsOperations(db, new Permissions(db, user), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new FacilitationOptions()),
                cache, Microsoft.Extensions.Options.Options.Create(new InsightsOptions()));
        }

        static double Reviews(IReadOnlyList<InsightChart> charts) => charts.Single(c => c.Key == Insights.PeoplePerReview).Rows.Sum(r => r.Values[0] ?? 0);
        var checkout = new InsightsRequest(Service: "checkout");

        // The actor reads both and counts first, so the narrowed charts are kept: the outsider must not be handed them.
        Assert.Equal(2, Reviews(await As(_actor).ChartsAsync(checkout, default)));
        Assert.Equal(1, Reviews(await As(_outsider).ChartsAsync(checkout, default)));
        Assert.Equal(1, Reviews(await As(_outsider).ChartsAsync(new InsightsRequest(From: new DateOnly(2026, 1, 1)), default)));
        Assert.Equal(2, Reviews(await As(_outsider).ChartsAsync(new InsightsRequest(), default)));
        Assert.Equal(2, Reviews(await As(_admin).ChartsAsync(checkout, default)));
    }

    [Fact]
    public async Task FacilitatorsList_CountsIt_ButGivesItsDateOnlyToItsReaders()
    {
        var outsider = await _target.Facilitation(Now, _outsider).HistoryAsync(default);
        var reader = await _target.Facilitation(Now, _actor).HistoryAsync(default);

        var fay = outsider.Single(p => p.Name == "Fay");
        Assert.Equal(1, fay.Facilitated);
        Assert.Null(fay.LastFacilitatedAt);
        Assert.NotNull(reader.Single(p => p.Name == "Fay").LastFacilitatedAt);
    }

    [Fact]
    public async Task ManyMatches_TheShortWay_LeavesItOutOfTheTotalAndTheBest()
    {
        foreach (var name in new[] { "Checkout timeouts", "Checkout retries", "Checkout deploy" })
        {
            await _target.Reviews(Now).CreateAsync(new ReviewInput { Title = name, Services = ["checkout"] }, default);
        }

        // Five reviews say "checkout", more than the two the facets count: the index counts them and keeps the best.
        var db = _target.NewContext();
        var outsider = await new SearchOperations(db, new Permissions(db, _outsider), _target.Severities, facetCap: 2).SearchAsync(new SearchRequest { Q = "checkout" }, default);
        var reader = await new SearchOperations(db, new Permissions(db, _actor), _target.Severities, facetCap: 2).SearchAsync(new SearchRequest { Q = "checkout" }, default);

        Assert.Equal(4, outsider.Total);
        Assert.DoesNotContain(outsider.Results, r => r.ReviewId == _secret.Id);
        Assert.Equal(4, outsider.Results.Count);
        Assert.Equal(5, reader.Total);
        Assert.Contains(reader.Results, r => r.ReviewId == _secret.Id);
    }

    [Fact]
    public async Task Participants_Admins_AndTheCreator_ReadIt()
    {
        foreach (var reader in new[] { _actor, _facilitator, _admin })
        {
            Assert.Contains(_secret.Id, await ListedForAsync(reader));
            Assert.Equal(2, (await SearchAsync(reader)).Total);
            Assert.Equal("Leaked signing key", (await _target.Reviews(Now, reader).GetAsync(_secret.Id, default)).Title);
        }

        // Someone who starts a restricted review without a role in it is granted access, so it does not close on them.
        var starter = await PersonAsync("sam@example.com", "Sam");
        var own = await _target.Reviews(Now, starter).CreateAsync(new ReviewInput { Title = "Sam's own", Visibility = ReviewVisibility.Restricted }, default);
        Assert.Contains(own.Id, await ListedForAsync(starter));
        Assert.DoesNotContain(own.Id, await ListedForAsync(_outsider));
    }

    [Fact]
    public async Task Outsider_IsRefusedAtTheDoor_ByName_AndCannotTakeAFreeRole()
    {
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => _target.Reviews(Now, _outsider).GetAsync(_secret.Id, default));
        Assert.Equal(_secret.Id, refused.RestrictedReviewId);
        Assert.DoesNotContain("signing", refused.Message, StringComparison.OrdinalIgnoreCase);

        await Assert.ThrowsAsync<ForbiddenException>(() => _target.Reviews(Now, _outsider).AddEntryAsync(_secret.Id, new TimelineEntryInput { OccurredAt = Now, Actor = "Oscar", Text = "Hello" }, default));
        await Assert.ThrowsAsync<ForbiddenException>(() => _target.Reviews(Now, _outsider).ExportAsync(_secret.Id, default));
        await Assert.ThrowsAsync<ForbiddenException>(() => _target.Facilitation(Now, _outsider).LoadFactsAsync(_secret.Id, default));

        // A review with nobody facilitating lets any member hand out the first role; a restricted one is closed to outsiders for that too.
        var quiet = await _target.Reviews(Now).CreateAsync(new ReviewInput { Title = "Quiet one", Visibility = ReviewVisibility.Restricted }, default);
        await Assert.ThrowsAsync<ForbiddenException>(() => _target.Facilitation(Now, _outsider)
            .AddParticipantAsync(quiet.Id, new ParticipantInput { Name = "Oscar", Email = "oscar@example.com", Role = ParticipantRole.Facilitator }, default));

        // The library's pages and needs-attention leave it out; related reviews of an open review never name it.
        var db = _target.NewContext();
        var library = new LibraryOperations(db, TimeProvider.System, new Permissions(db, _outsider));
        Assert.DoesNotContain((await library.RelatedAsync(_open.Id, default)), r => r.Id == _secret.Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => library.RelatedAsync(_secret.Id, default));
        Assert.DoesNotContain(await _target.Facilitation(Now, _outsider).NeedsAttentionAsync(default), i => i.ReviewId == _secret.Id);
    }

    [Fact]
    public async Task Request_IsKeptOnce_ThenAGrantLetsThemIn_AndTakingItBackClosesAgain()
    {
        var first = await Access(_outsider).RequestAsync(_secret.Id, "I run the signing service", default);
        var again = await Access(_outsider).RequestAsync(_secret.Id, "Please?", default);

        Assert.Equal(AccessRequestOutcome.Asked, first.Outcome);
        Assert.Equal([("Fay", "fay@example.com")], first.Deciders);
        Assert.Equal(AccessRequestOutcome.AskedBefore, again.Outcome);
        Assert.Empty(again.Deciders);
        Assert.Equal("", again.Title);
        Assert.Equal(AccessRequestOutcome.ReadsAlready, (await Access(_outsider).RequestAsync(_open.Id, null, default)).Outcome);

        // Only the facilitators (and admins) decide.
        await Assert.ThrowsAsync<ForbiddenException>(() => Access(_actor).GrantAsync(_secret.Id, "oscar@example.com", default));
        var waiting = await Access(_facilitator).GetAsync(_secret.Id, default);
        Assert.Equal(["Oscar"], waiting.Requests.Select(r => r.Name));
        Assert.Equal("I run the signing service", waiting.Requests[0].Reason);
        Assert.Empty((await Access(_actor).GetAsync(_secret.Id, default)).Requests);

        await Access(_facilitator).GrantAsync(_secret.Id, " OSCAR@example.com ", default);
        await Access(_facilitator).GrantAsync(_secret.Id, "oscar@example.com", default);

        Assert.Contains(_secret.Id, await ListedForAsync(_outsider));
        Assert.Equal(2, (await SearchAsync(_outsider)).Total);
        var granted = await Access(_facilitator).GetAsync(_secret.Id, default);
        Assert.Equal(["Oscar"], granted.Granted.Select(g => g.Name));
        Assert.Empty(granted.Requests);

        await Access(_facilitator).RevokeAsync(_secret.Id, "oscar@example.com", default);
        Assert.DoesNotContain(_secret.Id, await ListedForAsync(_outsider));
    }

    [Fact]
    public async Task Grants_NameWhatIsWrong_ForSomeoneWhoIsNotHere()
    {
        var missing = await Assert.ThrowsAsync<DomainValidationException>(() => Access(_facilitator).GrantAsync(_secret.Id, "nobody@example.com", default));
        Assert.Contains("nobody@example.com", missing.Errors.Messages());
        await Assert.ThrowsAsync<DomainValidationException>(() => Access(_facilitator).GrantAsync(_secret.Id, "", default));
        await Assert.ThrowsAsync<DomainValidationException>(() => Access(_outsider).RequestAsync(_secret.Id, new string('x', 1001), default));
        await Assert.ThrowsAsync<NotFoundException>(() => Access(_facilitator).GrantAsync(Guid.NewGuid(), "oscar@example.com", default));
    }

    [Fact]
    public async Task Visibility_IsTheFacilitatorsToChange()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Access(_actor).SetVisibilityAsync(_secret.Id, ReviewVisibility.Organisation, default));
        var current = await _target.Reviews(Now, _actor).GetAsync(_secret.Id, default);
        await Assert.ThrowsAsync<ForbiddenException>(() => _target.Reviews(Now, _actor).UpdateAsync(_secret.Id, ReviewInput.From(current) with { Visibility = ReviewVisibility.Organisation }, default));

        // Other changes by a participant leave it as it is.
        await _target.Reviews(Now, _actor).UpdateAsync(_secret.Id, ReviewInput.From(current) with { Summary = "Rotated the key." }, default);

        await Access(_facilitator).SetVisibilityAsync(_secret.Id, ReviewVisibility.Organisation, default);
        Assert.Contains(_secret.Id, await ListedForAsync(_outsider));
        Assert.True(await new Permissions(_target.NewContext(), _outsider).ReadsEveryReviewAsync(default));
    }

    [Fact]
    public async Task Archive_KeepsItRestricted_WithItsGrants()
    {
        await Access(_facilitator).GrantAsync(_secret.Id, "gus@example.com", default);
        var archive = ReviewArchives.ToJson(await _target.Reviews(Now).ExportAsync(_secret.Id, default));
        Assert.Contains("\"visibility\": \"restricted\"", archive);
        Assert.Contains("gus@example.com", archive);

        await _target.Reviews(Now).DeleteAsync(_secret.Id, default);
        await using (var db = _target.NewContext())
        {
            await db.AccessGrants.ExecuteDeleteAsync();
        }

        await using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(archive));
        var restored = await _target.Reviews(Now).ImportAsync(await ReviewArchives.ParseAsync(json, "secret.json", default), default);

        Assert.Equal(ReviewVisibility.Restricted, restored.Visibility);
        Assert.Contains(_secret.Id, await ListedForAsync(_guest));
        Assert.DoesNotContain(_secret.Id, await ListedForAsync(_outsider));
    }
}

public sealed class SqliteRestrictedReviewTests() : RestrictedReviewTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRestrictedReviewTests() : RestrictedReviewTests(DatabaseProvider.Postgres);
