using Fireside.Core;
using Fireside.Core.Reviews;

namespace Fireside.Data.Tests;

/// <summary>One page of a timeline straight from the database, the scope as window and choices, images and accounts of a stretch of time, on every provider.</summary>
public abstract class TimelineReadingTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 59];

    private DatabaseTarget _target = default!;
    private Review _review = default!;
    private List<TimelineEntry> _entries = [];

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(provider);
        _review = await _target.Reviews(Now).CreateAsync(new ReviewInput
        {
            Title = "Checkout outage",
            ScopeStartsAt = new DateTimeOffset(Start.AddMinutes(10)),
            ScopeEndsAt = new DateTimeOffset(Start.AddMinutes(30)),
        }, default);
        for (var minute = 0; minute < 40; minute += 5)
        {
            _entries.Add(await _target.Reviews(Now).AddEntryAsync(_review.Id, new TimelineEntryInput
            {
                OccurredAt = new DateTimeOffset(Start.AddMinutes(minute)),
                Actor = minute % 10 == 0 ? "Priya" : "Sam",
                Text = $"Minute {minute}",
            }, default));
        }
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private Task<TimelinePage?> PageAsync(TimelineFilter filter, int skip = 0, int take = 100) =>
        TimelineReading.LoadPageAsync(_target.NewContext(), _review.Id, filter, skip, take);

    [Fact]
    public async Task Page_IsOneSliceInTimeOrder_WithCountsAround()
    {
        await _target.Reviews().SetHiddenAsync(_review.Id, _entries[1].Id, hidden: true, default);

        var page = (await PageAsync(new TimelineFilter(), skip: 2, take: 3))!;

        Assert.Equal(["Minute 15", "Minute 20", "Minute 25"], page.Entries.Select(e => e.Text));
        Assert.Equal(8, page.TotalEntries);
        Assert.Equal(7, page.MatchingEntries);
        Assert.Equal(1, page.HiddenEntries);
        Assert.Equal(Start.AddMinutes(30), page.NextPageStartsAt);
        Assert.Null((await PageAsync(new TimelineFilter(), skip: 4, take: 3))!.NextPageStartsAt);
        Assert.Null(await TimelineReading.LoadPageAsync(_target.NewContext(), Guid.NewGuid(), new TimelineFilter(), 0, 10));
    }

    [Fact]
    public async Task Scope_IsTheWindow_WithEntriesChosenInOrOut()
    {
        await _target.Reviews().SetScopeAsync(_review.Id, _entries[0].Id, ScopeChoice.Included, default);
        await _target.Reviews().SetScopeAsync(_review.Id, _entries[3].Id, ScopeChoice.Excluded, default);

        var page = (await PageAsync(new TimelineFilter(ScopeOnly: true)))!;

        Assert.Equal(["Minute 0", "Minute 10", "Minute 20", "Minute 25", "Minute 30"], page.Entries.Select(e => e.Text));
        Assert.Equal(2, page.ChosenScopeEntries);
        Assert.All(page.Entries, e => Assert.True(page.Review.InScope(e)));
    }

    [Fact]
    public async Task By_ShowsOnlyWhatHadHappenedByThen()
    {
        var page = (await PageAsync(new TimelineFilter(By: Start.AddMinutes(12))))!;

        Assert.Equal(["Minute 0", "Minute 5", "Minute 10"], page.Entries.Select(e => e.Text));
    }

    [Fact]
    public async Task SpanAccounts_AreKeptApartFromMoments_AndShownOnThePageWhereTheyBegin()
    {
        var account = await _target.Reviews(Now).AddSpanAccountAsync(_review.Id, new AccountInput
        {
            Author = "Sam",
            Did = "Tried three cache settings",
            SpanStartsAt = new DateTimeOffset(Start.AddMinutes(12)),
            SpanEndsAt = new DateTimeOffset(Start.AddMinutes(26)),
        }, default);

        var first = (await PageAsync(new TimelineFilter(), skip: 0, take: 2))!;
        var second = (await PageAsync(new TimelineFilter(), skip: 2, take: 2))!;
        var span = Assert.Single(second.SpanAccountsOn(2));

        Assert.Empty(first.SpanAccountsOn(0));
        Assert.Equal((Start.AddMinutes(12), Start.AddMinutes(26)), span.Key);
        Assert.Null(Assert.Single(span).EntryId);
        var stale = new AccountInput { Author = "Sam", Did = "Changed", Version = account.Version };
        await _target.Reviews(Now).UpdateAccountAsync(_review.Id, account.Id, stale, default);
        await Assert.ThrowsAsync<ConflictException>(() => _target.Reviews(Now).UpdateAccountAsync(_review.Id, account.Id, stale, default));
        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => _target.Reviews(Now).AddSpanAccountAsync(_review.Id, new AccountInput { Author = "Sam", Saw = "x" }, default));
        Assert.True(invalid.Errors.Has("spanStartsAt"));
    }

    [Fact]
    public async Task UploadedImage_KeepsItsBytesApart_AndTheReviewReadsWithoutThem()
    {
        var attachment = await _target.Reviews(Now).AddUploadAsync(_review.Id, _entries[2].Id, "graph.gif", Gif, "Error rate", default);

        var (stored, bytes) = await _target.Reviews().GetUploadAsync(_review.Id, attachment.Id, default);
        var review = await _target.Reviews().FindForReadingAsync(_review.Id, default);

        Assert.Equal("image/gif", stored.ContentType);
        Assert.Equal(Gif, bytes);
        Assert.Equal("Error rate", Assert.Single(review!.AttachmentsOf(_entries[2].Id)).Caption);
        await _target.Reviews().DeleteEntryAsync(_review.Id, _entries[2].Id, default);
        await Assert.ThrowsAsync<NotFoundException>(() => _target.Reviews().GetUploadAsync(_review.Id, attachment.Id, default));
    }

    [Fact]
    public async Task LanguageStamp_ChangesWithEveryAdditionEditAndRemoval()
    {
        var stamps = new List<string?> { await TimelineReading.LanguageStampAsync(_target.NewContext(), _review.Id) };
        var entry = _entries[4];
        await _target.Reviews(Now.AddSeconds(1)).UpdateEntryAsync(_review.Id, entry.Id,
            new TimelineEntryInput { OccurredAt = new DateTimeOffset(entry.OccurredAt), Actor = entry.Actor, Text = "Changed", Version = entry.Version }, default);
        stamps.Add(await TimelineReading.LanguageStampAsync(_target.NewContext(), _review.Id));
        await _target.Reviews().DeleteEntryAsync(_review.Id, _entries[5].Id, default);
        stamps.Add(await TimelineReading.LanguageStampAsync(_target.NewContext(), _review.Id));
        await _target.Reviews(Now.AddSeconds(2)).AddEntryAsync(_review.Id, new TimelineEntryInput { OccurredAt = new DateTimeOffset(Start), Actor = "Lee", Text = "New" }, default);
        stamps.Add(await TimelineReading.LanguageStampAsync(_target.NewContext(), _review.Id));

        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal(stamps[^1], await TimelineReading.LanguageStampAsync(_target.NewContext(), _review.Id));
        Assert.Null(await TimelineReading.LanguageStampAsync(_target.NewContext(), Guid.NewGuid()));
    }
}

public sealed class SqliteTimelineReadingTests() : TimelineReadingTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTimelineReadingTests() : TimelineReadingTests(DatabaseProvider.Postgres);
