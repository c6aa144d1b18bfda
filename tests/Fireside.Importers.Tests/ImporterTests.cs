using Fireside.Core.Reviews;
using Fireside.Importers.Alerts;
using Fireside.Importers.ChatLogs;
using Fireside.Importers.Csv;
using Fireside.Importers.Git;
using Fireside.Importers.Slack;

namespace Fireside.Importers.Tests;

public sealed class SlackImporterTests
{
    private static readonly DateTime Ten = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Export_BecomesReadableEntries()
    {
        var entries = Fixtures.Read(new SlackExportImporter(), Fixtures.SlackZip());

        Assert.Equal(7, entries.Count);
        var first = entries[0];
        Assert.Equal(Ten.AddTicks(2000), first.OccurredAt); // Slack times carry microseconds: .000200
        Assert.Equal("Priya", first.Actor);
        Assert.Equal("#incident-checkout: Checkout error rate is climbing, I'm looking at the checkout dashboard (https://grafana.example.com/d/checkout) :eyes:", first.Text);
        Assert.Equal("slack:C0INCIDENT:1795168800.000200", first.SourceKey);
        Assert.Equal(TimelineEntryKind.Communication, first.Kind);
    }

    [Fact]
    public void Markup_MentionsChannelsAndEntitiesAreResolved()
    {
        var entries = Fixtures.Read(new SlackExportImporter(), Fixtures.SlackZip());

        Assert.Contains(entries, e => e.Actor == "Sam Okafor" && e.Text.Contains("@Priya I see it too", StringComparison.Ordinal) && e.Text.Contains("deploy & latency", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.Contains("#payments", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.Contains("@here we can stand down", StringComparison.Ordinal) && e.Text.Contains("[shared error-rate.png]", StringComparison.Ordinal));
    }

    [Fact]
    public void ThreadsBotsEditsDeletedUsersEmojiAndRtl_AreKept()
    {
        var entries = Fixtures.Read(new SlackExportImporter(), Fixtures.SlackZip());

        var reply = Assert.Single(entries, e => e.Text.Contains("Rolling back now 🔥", StringComparison.Ordinal));
        Assert.Contains("(in a thread)", reply.Text);
        var bot = Assert.Single(entries, e => e.Actor == "deploy-bot");
        Assert.Equal(ActorKind.System, bot.ActorKind);
        var deleted = Assert.Single(entries, e => e.Actor == "Lee");
        Assert.Contains("تم التراجع عن النشر", deleted.Text);
        Assert.EndsWith("(edited)", deleted.Text);
        Assert.DoesNotContain(entries, e => e.Text.Contains("has joined", StringComparison.Ordinal));
    }

    [Fact]
    public void TruncatedZip_IsRefusedWithTheFileName()
    {
        using var whole = Fixtures.SlackZip();
        var bytes = whole.ToArray();
        using var truncated = new MemoryStream(bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ImportFormatException>(() => Fixtures.Read(new SlackExportImporter(), truncated, new ImportOptions { FileName = "export.zip" }));

        Assert.Equal("export.zip is not a readable zip file. Slack exports are zip files; is the download complete?", error.Message);
    }

    [Fact]
    public void ZipWithoutUsersJson_IsNotASlackExport()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("readme.txt");
        }

        zip.Position = 0;
        var error = Assert.Throws<ImportFormatException>(() => Fixtures.Read(new SlackExportImporter(), zip));

        Assert.Contains("users.json", error.Message);
    }
}

public sealed class ChatLogImporterTests
{
    [Fact]
    public void Irssi_UsesTheLogsOwnDatesAndSkipsNotices()
    {
        var entries = Fixtures.Read(new ChatLogImporter(), Fixtures.Open("irssi.log"));

        Assert.Equal(["priya", "sam", "priya", "priya", "sam"], entries.Select(e => e.Actor));
        Assert.Equal(new DateTime(2026, 11, 20, 10, 58, 0, DateTimeKind.Utc), entries[0].OccurredAt);
        Assert.Equal("* priya looks at the dashboard", entries[2].Text);
        Assert.Equal(new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc), entries[^1].OccurredAt);
    }

    [Fact]
    public void WeeChat_TabSeparatedWithFullDates()
    {
        var entries = Fixtures.Read(new ChatLogImporter(), Fixtures.Open("weechat.log"), new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") });

        Assert.Equal(3, entries.Count);
        Assert.Equal(new DateTime(2026, 11, 20, 9, 58, 0, DateTimeKind.Utc), entries[0].OccurredAt);
        Assert.Equal("priya", entries[0].Actor);
    }

    [Fact]
    public void Znc_TimesOnlyNeedADate_AndRollOverMidnight()
    {
        var error = Assert.Throws<ImportFormatException>(() => Fixtures.Read(new ChatLogImporter(), Fixtures.Open("znc.log"), new ImportOptions { FileName = "znc.log" }));
        Assert.Contains("znc.log, line 1", error.Message);
        Assert.Contains("--date", error.Message);

        var entries = Fixtures.Read(new ChatLogImporter(), Fixtures.Open("znc.log"), new ImportOptions { Date = new DateOnly(2026, 11, 20) });

        Assert.Equal(new DateTime(2026, 11, 20, 23, 58, 10, DateTimeKind.Utc), entries[0].OccurredAt);
        Assert.Equal(new DateTime(2026, 11, 21, 0, 1, 5, DateTimeKind.Utc), entries[2].OccurredAt);
    }

    [Fact]
    public void DaylightSavingChange_IsReadInTheGivenZone()
    {
        // Berlin left summer time at 03:00 on 2026-10-25: 01:30 is UTC+2, 04:30 is UTC+1.
        var log = "[01:30] <priya> before the change\n[04:30] <priya> after the change\n";
        var entries = Fixtures.Read(new ChatLogImporter(), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(log)),
            new ImportOptions { Date = new DateOnly(2026, 10, 25), TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") });

        Assert.Equal(new DateTime(2026, 10, 24, 23, 30, 0, DateTimeKind.Utc), entries[0].OccurredAt);
        Assert.Equal(new DateTime(2026, 10, 25, 3, 30, 0, DateTimeKind.Utc), entries[1].OccurredAt);
    }

    [Fact]
    public void UnknownLine_NamesTheLine()
    {
        var log = "[10:00] <priya> hello\nthis is not a chat line\n";

        var error = Assert.Throws<ImportFormatException>(() => Fixtures.Read(new ChatLogImporter(), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(log)),
            new ImportOptions { Date = new DateOnly(2026, 11, 20), FileName = "ops.log" }));

        Assert.Contains("ops.log, line 2", error.Message);
    }
}

public sealed class AlertImporterTests
{
    [Fact]
    public void Alertmanager_FiringAndResolvingBecomeEntries()
    {
        var entries = Fixtures.Read(new AlertmanagerImporter(), Fixtures.Open("alertmanager.json"));

        Assert.Equal(3, entries.Count);
        Assert.Equal("Firing: CheckoutErrorRate (page): Checkout error rate above 5% for 5 minutes", entries[0].Text);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 59, 30, DateTimeKind.Utc), entries[0].OccurredAt);
        Assert.StartsWith("Resolved: CheckoutErrorRate", entries[1].Text);
        Assert.Equal(new DateTime(2026, 11, 20, 11, 12, 0, DateTimeKind.Utc), entries[1].OccurredAt);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), entries[2].OccurredAt);
        Assert.All(entries, e => Assert.Equal(ActorKind.System, e.ActorKind));
        Assert.StartsWith("http://prometheus.example.com/", entries[0].Link);
    }

    [Fact]
    public void Alertmanager_OnePayloadPerLine_IsRead()
    {
        var line = File.ReadAllText(Fixtures.Path("alertmanager.json")).ReplaceLineEndings(" ");
        var entries = Fixtures.Read(new AlertmanagerImporter(), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(line + "\n" + line + "\n")));

        Assert.Equal(6, entries.Count);
        Assert.Equal(3, entries.Select(e => e.SourceKey).Distinct().Count());
    }

    [Fact]
    public void PagerDuty_TriggerAcknowledgeNoteResolve()
    {
        var entries = Fixtures.Read(new PagerDutyImporter(), Fixtures.Open("pagerduty.json"));

        Assert.Equal(["Triggered", "Acknowledged", "Note", "Resolved"], entries.Select(e => e.Text.Split(':')[0]));
        Assert.Equal("Priya Raman", entries[1].Actor);
        Assert.Equal(ActorKind.Person, entries[1].ActorKind);
        Assert.Equal(ActorKind.System, entries[0].ActorKind);
        Assert.Equal("Note: Rolled back to v41, watching the error rate", entries[2].Text);
        Assert.Equal("pagerduty:R3ACK", entries[1].SourceKey);
    }

    [Fact]
    public void BrokenJson_NamesTheLine()
    {
        var error = Assert.Throws<ImportFormatException>(() => Fixtures.Read(new AlertmanagerImporter(),
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"alerts\": []}\n{\"alerts\": [\n")), new ImportOptions { FileName = "hook.log" }));

        // Where, in the words of someone with the file open; not the reader's ("LineNumber: 1 | BytePositionInLine: 13").
        Assert.Equal("hook.log, line 2: not valid JSON at position 13.", error.Message);
    }
}

public sealed class GitAndCsvImporterTests
{
    [Fact]
    public void GitLog_CommitsWithTheirOwnOffsets()
    {
        var entries = Fixtures.Read(new GitLogImporter(), Fixtures.Open("git.log"));

        Assert.Equal(2, entries.Count);
        Assert.Equal(new DateTime(2026, 11, 20, 9, 57, 44, DateTimeKind.Utc), entries[0].OccurredAt);
        Assert.Equal("Priya Raman", entries[0].Actor);
        Assert.Equal("Commit a3f9c2e1b4: checkout: raise cache TTL to 10 minutes", entries[0].Text);
        Assert.Equal("git:a3f9c2e1b4d5968778695a4b3c2d1e0f98765432", entries[0].SourceKey);
    }

    [Fact]
    public void GitLog_InAnotherFormat_SaysHowToMakeIt()
    {
        var error = Assert.Throws<ImportFormatException>(() => Fixtures.Read(new GitLogImporter(),
            new MemoryStream("commit a3f9c2e\nAuthor: Priya\n"u8.ToArray()), new ImportOptions { FileName = "changes.log" }));

        Assert.Contains("changes.log, line 1", error.Message);
        Assert.Contains(GitLogImporter.Format, error.Message);
    }

    [Fact]
    public void Csv_ReadsColumnsQuotesKindsAndZones()
    {
        var entries = Fixtures.Read(new CsvImporter(), Fixtures.Open("timeline.csv"), new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") });

        Assert.Equal(3, entries.Count);
        Assert.Equal("Deployed checkout v42, which raised the cache TTL", entries[0].Text);
        Assert.Equal(TimelineEntryKind.Action, entries[0].Kind);
        Assert.Equal("deploys", entries[0].Source);
        Assert.Equal("https://deploy.example.com/42", entries[0].Link);
        Assert.Equal("Saw 500s on /cart; \"checkout\" graph red", entries[1].Text);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), entries[1].OccurredAt);
        Assert.Equal(TimelineEntryKind.SignalUsed, entries[2].Kind);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 5, 0, DateTimeKind.Utc), entries[2].OccurredAt);
    }

    [Theory]
    [InlineData("when,who,what\n2026-11-20T10:00:00Z,Priya,x\n", "lacks time, actor, text")]
    [InlineData("time,actor,text\nyesterday,Priya,x\n", "row 2")]
    [InlineData("time,actor,text\n2026-11-20T10:00:00Z,,x\n", "needs an actor")]
    [InlineData("time,actor,text\n2026-11-20T10:00:00Z,Priya,\"open quote\n", "row 2: the CSV could not be read there; is a quote left open")]
    [InlineData("time,actor,text,kind\n2026-11-20T10:00:00Z,Priya,x,gossip\n", "gossip")]
    public void Csv_BadRows_AreNamed(string csv, string expected)
    {
        var error = Assert.Throws<ImportFormatException>(() => Fixtures.Read(new CsvImporter(), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv))));

        Assert.Contains(expected, error.Message);
    }
}
