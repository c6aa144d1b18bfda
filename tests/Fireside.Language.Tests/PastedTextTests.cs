namespace Fireside.Language.Tests;

/// <summary>
/// Chat logs, terminal output and log lines pasted into a review are data: what people said in the
/// moment and what machines printed. The coach reads them like quotes (info at most), while the
/// author's own timeline lines, however they are written, are still prose.
/// </summary>
public sealed class PastedTextTests
{
    private static readonly LanguageCoach Coach = new();

    [Theory]
    [InlineData("[12:03] <mira> thanks for root-causing this so fast")]
    [InlineData("[12:03:44] mira: we should have rolled back an hour ago")]
    [InlineData("12:03 mira: honestly it was operator error")]
    [InlineData("12:03 PM mira: that was obviously the cache")]
    [InlineData("<mira> the root cause is the cache, clearly")]
    [InlineData("- [09:15] <ben> we just restarted it")]
    [InlineData("2026-03-02T10:00:01Z ERROR root cause unknown, operator error suspected")]
    [InlineData("2026-03-02 10:00:01,337 WARN the job failed to start because of user error")]
    [InlineData("E0302 10:00:01.123456 controller.go:42] root cause: lease expired")]
    [InlineData("[ERROR] operator error while applying the plan")]
    [InlineData("level=error msg=\"root cause: the lease expired\"")]
    [InlineData("$ git commit -m 'root cause: operator error'")]
    public void PastedLines_AreReadLikeQuotes(string line)
    {
        var text = $"What we saw in the channel:\n\n{line}\n\nThen the page stopped.";

        var findings = Coach.Check(text);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(Severity.Info, f.Severity));
    }

    [Theory]
    [InlineData("10:32 UTC: the root cause was the retry storm.")]
    [InlineData("- 14:02 Sam should have rolled back.")]
    [InlineData("2026-03-02 10:00 UTC: operator error during the failover.")]
    [InlineData("10:32: The team should have paged the database team.")]
    public void TheAuthorsOwnTimeline_IsStillProse(string line)
    {
        var findings = Coach.Check(line);

        Assert.Contains(findings, f => f.Severity == Severity.Warning);
    }

    [Fact]
    public void APastedLine_DoesNotQuoteTheProseAroundIt()
    {
        var text = "[12:03] <mira> we should have rolled back\nThe root cause was a slow disk.";

        var findings = Coach.Check(text, TextKind.Plain);

        Assert.Equal(Severity.Info, Assert.Single(findings, f => f.Category == Category.Counterfactual).Severity);
        Assert.Equal(Severity.Warning, Assert.Single(findings, f => f.Category == Category.RootCause).Severity);
    }

    [Fact]
    public void AChatClientsSpeakerLine_QuotesTheMessagesUnderIt_UpToABlankLine()
    {
        var text = "From the channel:\n\nmira [7:40 AM]\nwe should have rolled back, clearly\nroot cause is the cache\n\nWe should have paged the database team.";

        var findings = Coach.Check(text);

        Assert.All(findings.Where(f => f.Line is 4 or 5), f => Assert.Equal(Severity.Info, f.Severity));
        Assert.Contains(findings, f => f.Line == 5 && f.Category == Category.RootCause);
        Assert.Equal(Severity.Warning, Assert.Single(findings, f => f.Line == 7).Severity);
    }

    [Fact]
    public void ALineRightAfterABlockQuote_StillBelongsToIt()
    {
        var text = "> ben [07:16 AM]\nwe should have rolled back\n>\n> the root cause is DNS\n\nWe should have rolled back.";

        var findings = Coach.Check(text);

        Assert.All(findings.Where(f => f.Line < 6), f => Assert.Equal(Severity.Info, f.Severity));
        Assert.Equal(2, findings.Count(f => f.Line < 6));
        Assert.Equal(Severity.Warning, Assert.Single(findings, f => f.Line == 6).Severity);
    }
}
