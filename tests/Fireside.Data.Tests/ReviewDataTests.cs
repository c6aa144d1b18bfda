using Fireside.Core;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>The same behaviour, checked on every database Fireside supports.</summary>
public abstract class ReviewDataTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private DatabaseTarget _target = default!;

    public async Task InitializeAsync() => _target = await DatabaseTarget.CreateAsync(provider);

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private Task<Review> CreateAsync(string title = "Checkout outage") =>
        _target.Reviews(Now).CreateAsync(new ReviewInput
        {
            Title = title,
            IncidentStartedAt = Start,
            ResolvedAt = Start.AddMinutes(90),
            Severity = "sev2",
            Services = ["checkout", "payments"],
            Tags = ["database"],
            Summary = "A *short* summary.",
        }, default);

    [Fact]
    public async Task Create_RoundTripsEveryFieldWithUtcTimes()
    {
        var created = await CreateAsync();

        var loaded = await _target.Reviews().GetAsync(created.Id, default);

        Assert.Equal("Checkout outage", loaded.Title);
        Assert.Equal("SEV2", loaded.Severity);
        Assert.Equal(["checkout", "payments"], loaded.Services);
        Assert.Equal(["database"], loaded.Tags);
        Assert.Equal(Start.UtcDateTime, loaded.IncidentStartedAt);
        Assert.Equal(DateTimeKind.Utc, loaded.IncidentStartedAt!.Value.Kind);
        Assert.Equal(TimeSpan.FromMinutes(90), loaded.Impact);
        Assert.Equal(1, loaded.Version);
    }

    [Fact]
    public async Task Update_WithCurrentVersion_SavesAndRaisesVersion()
    {
        var created = await CreateAsync();

        var updated = await _target.Reviews(Now.AddMinutes(1)).UpdateAsync(created.Id,
            ReviewInput.From(created) with { Title = "Checkout outage, part one" }, default);

        Assert.Equal(2, updated.Version);
        var loaded = await _target.Reviews().GetAsync(created.Id, default);
        Assert.Equal("Checkout outage, part one", loaded.Title);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsRefusedAndKeepsTheNewerWork()
    {
        var created = await CreateAsync();
        var staleCopy = ReviewInput.From(created);
        await _target.Reviews(Now).UpdateAsync(created.Id, staleCopy with { Title = "First editor's title" }, default);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            _target.Reviews(Now).UpdateAsync(created.Id, staleCopy with { Title = "Second editor's title" }, default));

        Assert.Contains("version 1", conflict.Message);
        Assert.Equal("First editor's title", (await _target.Reviews().GetAsync(created.Id, default)).Title);
    }

    [Fact]
    public async Task Update_RacingSaves_OnlyOneWins()
    {
        var created = await CreateAsync();
        // Both editors loaded version 1 and pass the early check; the database's concurrency check decides.
        using var first = _target.NewContext();
        using var second = _target.NewContext();
        var a = await first.Reviews.SingleAsync(r => r.Id == created.Id);
        var b = await second.Reviews.SingleAsync(r => r.Id == created.Id);
        a.Title = "A";
        b.Title = "B";
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("A", (await _target.Reviews().GetAsync(created.Id, default)).Title);
    }

    [Fact]
    public async Task Delete_HidesTheReviewAndRestoreBringsItBack()
    {
        var created = await CreateAsync();

        await _target.Reviews(Now).DeleteAsync(created.Id, default);

        Assert.Null(await _target.Reviews().FindAsync(created.Id, default));
        Assert.Empty(await _target.NewContext().Reviews.ToListAsync());
        var deleted = await _target.Reviews().GetAsync(created.Id, default);
        Assert.Equal(Now, deleted.DeletedAt);

        await _target.Reviews().RestoreAsync(created.Id, default);
        Assert.NotNull(await _target.Reviews().FindAsync(created.Id, default));
    }

    [Fact]
    public async Task Timeline_IsReturnedInTimeOrder()
    {
        var review = await CreateAsync();
        foreach (var minutes in new[] { 30, 0, 12 })
        {
            await _target.Reviews(Now).AddEntryAsync(review.Id, new TimelineEntryInput
            {
                OccurredAt = Start.AddMinutes(minutes),
                Actor = "Priya",
                Text = $"At +{minutes}",
            }, default);
        }

        var loaded = await _target.Reviews().GetAsync(review.Id, default);

        Assert.Equal(["At +0", "At +12", "At +30"], loaded.OrderedTimeline.Select(e => e.Text));
        var ordered = await _target.NewContext().TimelineEntries.Where(e => e.ReviewId == review.Id).OrderBy(e => e.OccurredAt).Select(e => e.Text).ToListAsync();
        Assert.Equal(["At +0", "At +12", "At +30"], ordered);
    }

    [Fact]
    public async Task Entry_UpdateWithStaleVersion_IsRefused()
    {
        var review = await CreateAsync();
        var entry = await _target.Reviews(Now).AddEntryAsync(review.Id, new TimelineEntryInput { OccurredAt = Start, Actor = "Priya", Text = "Paged" }, default);
        var input = new TimelineEntryInput { OccurredAt = Start, Actor = "Priya", Text = "Paged, and acknowledged", Version = entry.Version };
        await _target.Reviews(Now).UpdateEntryAsync(review.Id, entry.Id, input, default);

        await Assert.ThrowsAsync<ConflictException>(() =>
            _target.Reviews(Now).UpdateEntryAsync(review.Id, entry.Id, input with { Text = "Overwrite" }, default));
        Assert.Equal("Paged, and acknowledged", (await _target.Reviews().FindEntryAsync(review.Id, entry.Id, default)).Text);
    }

    [Fact]
    public async Task Entry_InAnotherReview_IsNotFound()
    {
        var one = await CreateAsync("One");
        var two = await CreateAsync("Two");
        var entry = await _target.Reviews(Now).AddEntryAsync(one.Id, new TimelineEntryInput { OccurredAt = Start, Actor = "Priya", Text = "Paged" }, default);

        await Assert.ThrowsAsync<NotFoundException>(() => _target.Reviews().DeleteEntryAsync(two.Id, entry.Id, default));
        Assert.NotNull(await _target.Reviews().FindEntryAsync(one.Id, entry.Id, default));
    }

    [Fact]
    public async Task Create_Invalid_SavesNothing()
    {
        await Assert.ThrowsAsync<DomainValidationException>(() =>
            _target.Reviews(Now).CreateAsync(new ReviewInput { Title = "", Severity = "nope" }, default));

        Assert.Equal(0, await _target.NewContext().Reviews.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task Tokens_AreStoredOnlyAsHashes()
    {
        using var db = _target.NewContext();
        var user = new FiresideUser { UserName = "a@example.com", Email = "a@example.com", NormalizedEmail = "A@EXAMPLE.COM", NormalizedUserName = "A@EXAMPLE.COM" };
        db.Users.Add(user);
        var token = ApiTokenSecrets.Create(user.Id, "CI", Now, out var secret);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();

        var stored = await _target.NewContext().ApiTokens.SingleAsync();

        Assert.NotEqual(secret, stored.Hash);
        Assert.DoesNotContain(secret, stored.Hash + stored.Prefix + stored.Name);
        Assert.Equal(ApiTokenSecrets.Hash(secret), stored.Hash);
    }
}

public sealed class SqliteReviewDataTests() : ReviewDataTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReviewDataTests() : ReviewDataTests(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<Fireside.Testing.PostgresLifetime>
{
    public const string Name = "PostgreSQL";
}
