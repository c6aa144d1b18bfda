using System.Text;
using Fireside.Core.Reviews;
using Fireside.Importers;
using Fireside.Importers.Csv;
using Fireside.Importers.Slack;
using Fireside.Importers.Tests;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>Imports into a real database, on every provider: idempotent, atomic, windowed.</summary>
public abstract class TimelineImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    private DatabaseTarget _target = default!;
    private Guid _reviewId;

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(provider);
        _reviewId = (await _target.Reviews(Now).CreateAsync(new ReviewInput { Title = "Checkout" }, default)).Id;
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private async Task<ImportSummary> ImportAsync(ITimelineImporter importer, Stream input, DateTime? since = null, DateTime? until = null)
    {
        using (input)
        {
            return await TimelineImport.RunAsync(_target.NewContext(), _reviewId, () =>
            {
                input.Position = 0;
                return importer.Read(input, new ImportOptions());
            }, since, until, Now);
        }
    }

    private Task<List<TimelineEntry>> TimelineAsync() =>
        _target.NewContext().TimelineEntries.Where(e => e.ReviewId == _reviewId).OrderBy(e => e.OccurredAt).ToListAsync();

    [Fact]
    public async Task Slack_SameExportTwice_AddsNothingNew()
    {
        var first = await ImportAsync(new SlackExportImporter(), Fixtures.SlackZip());
        var second = await ImportAsync(new SlackExportImporter(), Fixtures.SlackZip());

        Assert.Equal(new ImportSummary(7, 0, 0, 4), first);
        Assert.Equal(new ImportSummary(0, 7, 0, 0), second);
        Assert.Equal(7, (await TimelineAsync()).Count);
        Assert.Equal("imported 7 entries, 0 duplicates skipped, 4 actors", first.ToString());
    }

    [Fact]
    public async Task Slack_LongerExportOfTheSameChannel_AddsOnlyTheNewMessages()
    {
        await ImportAsync(new SlackExportImporter(), Fixtures.SlackZip("2026-11-20"));

        var longer = await ImportAsync(new SlackExportImporter(), Fixtures.SlackZip("2026-11-20", "2026-11-21"));

        Assert.Equal(1, longer.Imported);
        Assert.Equal(6, longer.Duplicates);
        Assert.Equal(7, (await TimelineAsync()).Count);
    }

    [Fact]
    public async Task Window_LeavesOutWhatFallsOutside()
    {
        var summary = await ImportAsync(new SlackExportImporter(), Fixtures.SlackZip(),
            since: new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), until: new DateTime(2026, 11, 20, 10, 5, 0, DateTimeKind.Utc));

        Assert.Equal(5, summary.Imported);
        Assert.Equal(2, summary.OutsideWindow);
        Assert.All(await TimelineAsync(), e => Assert.InRange(e.OccurredAt, new DateTime(2026, 11, 20, 10, 0, 0), new DateTime(2026, 11, 20, 10, 5, 0)));
    }

    [Fact]
    public async Task MalformedFile_ImportsNothingEvenAfterManyGoodRows()
    {
        var csv = new StringBuilder("time,actor,text\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-11-20T10:{i / 100 % 60:00}:{i % 60:00}Z,Priya,message {i}\n");
        }

        csv.Append("not a time,Priya,the bad row\n");

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ImportAsync(new CsvImporter(), new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))));

        Assert.Contains("row 5002", error.Message);
        Assert.Empty(await TimelineAsync());
    }

    [Fact]
    public async Task HugeMessages_AreKeptShortened()
    {
        var huge = new string('x', 50_000);
        var summary = await ImportAsync(new CsvImporter(), new MemoryStream(Encoding.UTF8.GetBytes($"time,actor,text\n2026-11-20T10:00:00Z,Priya,{huge}\n")));

        var entry = Assert.Single(await TimelineAsync());
        Assert.Equal(1, summary.Imported);
        Assert.Equal(ReviewRules.EntryTextMaxLength, entry.Text.Length);
        Assert.EndsWith("(shortened)", entry.Text);
    }

    [Fact]
    public async Task SameFileImportedTwiceAtOnce_OneAddsIt_TheOtherAddsNothing_NeitherFails()
    {
        var csv = new StringBuilder("time,actor,text\n");
        for (var i = 0; i < 3_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-11-20T10:{i / 60 % 60:00}:{i % 60:00}Z,Priya,Step {i}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        Task<ImportSummary> Import() => TimelineImport.RunAsync(_target.NewContext(), _reviewId,
            () => new CsvImporter().Read(new MemoryStream(bytes), new ImportOptions()), null, null, Now);

        var both = await Task.WhenAll(Import(), Import());

        Assert.Equal(3_000, both.Sum(s => s.Imported));
        Assert.Contains(both, s => s.Imported == 0 && s.Duplicates == 3_000);
        Assert.Equal(3_000, (await TimelineAsync()).Count);
    }

    [Fact]
    public async Task RowWithAHugeNumberOfFields_IsRefusedBeforeAnythingIsWritten()
    {
        var csv = "time,actor,text\n2026-11-20T10:00:00Z,Priya,Deployed\n" + string.Concat(Enumerable.Repeat("x,", 700_000)) + "\n";
        var bytes = Encoding.UTF8.GetBytes(csv);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => TimelineImport.RunAsync(_target.NewContext(), _reviewId,
            () => new CsvImporter().Read(new MemoryStream(bytes), new ImportOptions { FileName = "wide.csv" }), null, null, Now));

        Assert.Contains("wide.csv, row 3", error.Message);
        Assert.Contains("Imports:MaxFieldsPerRow", error.Message);
        Assert.Empty(await TimelineAsync());
    }

    [Fact]
    public async Task MessageLongerThanTheLimit_IsRefused_WhileLongOnesBelowItAreKeptShortened()
    {
        var limits = new ImportLimits { MaxMessageLength = 100_000 };
        var csv = Encoding.UTF8.GetBytes($"time,actor,text\n2026-11-20T10:00:00Z,Priya,{new string('x', 60_000)}\n2026-11-20T10:01:00Z,Sam,{new string('y', 150_000)}\n");

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => TimelineImport.RunAsync(_target.NewContext(), _reviewId,
            () => new CsvImporter().Read(new MemoryStream(csv), new ImportOptions { Limits = limits }), null, null, Now, limits));

        Assert.Contains("Sam", error.Message);
        Assert.Contains("Imports:MaxMessageLength", error.Message);
        Assert.Empty(await TimelineAsync());
    }

    [Fact]
    public async Task ImportedAndHandWrittenEntries_LiveTogether()
    {
        await _target.Reviews(Now).AddEntryAsync(_reviewId, new TimelineEntryInput { OccurredAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), Actor = "Ada", Text = "Hand-written" }, default);

        await ImportAsync(new SlackExportImporter(), Fixtures.SlackZip());

        var timeline = await TimelineAsync();
        Assert.Equal(8, timeline.Count);
        Assert.Null(timeline[0].Source);
        Assert.Equal("slack", timeline[1].Source);
    }
}

public sealed class SqliteTimelineImportTests() : TimelineImportTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTimelineImportTests() : TimelineImportTests(DatabaseProvider.Postgres);
