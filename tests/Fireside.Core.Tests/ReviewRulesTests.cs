using Fireside.Core.Reviews;

namespace Fireside.Core.Tests;

public class ReviewRulesTests
{
    private static readonly SeverityCatalog Severities = SeverityCatalog.Default;
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_GoodInput_HasNoErrors()
    {
        var errors = ReviewRules.Validate(new ReviewInput { Title = "Checkout outage", IncidentStartedAt = Start, ResolvedAt = Start.AddHours(1), Severity = "sev2" }, Severities);

        Assert.True(errors.IsValid, errors.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_EmptyTitle_NamesTheTitle(string? title)
    {
        var errors = ReviewRules.Validate(new ReviewInput { Title = title }, Severities);

        Assert.Contains("title", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_OverLongTitle_SaysHowLong()
    {
        var errors = ReviewRules.Validate(new ReviewInput { Title = new string('x', 201) }, Severities);

        var message = Assert.Single(errors.For("title"));
        Assert.Contains("201", message);
        Assert.Contains("200", message);
    }

    [Fact]
    public void Validate_ResolvedBeforeStart_NamesResolvedAt()
    {
        var errors = ReviewRules.Validate(new ReviewInput { Title = "t", IncidentStartedAt = Start, ResolvedAt = Start.AddMinutes(-1) }, Severities);

        Assert.Equal(["resolvedAt"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_DetectedBeforeStart_NamesDetectedAt()
    {
        var errors = ReviewRules.Validate(new ReviewInput { Title = "t", IncidentStartedAt = Start, DetectedAt = Start.AddSeconds(-1) }, Severities);

        Assert.Equal(["detectedAt"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_TimesInDifferentZones_ComparesInstants()
    {
        // 11:30 in Berlin (UTC+1) is 10:30 UTC: after a 10:00 UTC start.
        var resolved = new DateTimeOffset(2026, 11, 20, 11, 30, 0, TimeSpan.FromHours(1));

        var errors = ReviewRules.Validate(new ReviewInput { Title = "t", IncidentStartedAt = Start, ResolvedAt = resolved }, Severities);

        Assert.True(errors.IsValid, errors.ToString());
    }

    [Fact]
    public void Validate_UnknownSeverity_ListsTheKnownOnes()
    {
        var errors = ReviewRules.Validate(new ReviewInput { Title = "t", Severity = "SEV9" }, Severities);

        var message = Assert.Single(errors.For("severity"));
        Assert.Contains("SEV9", message);
        Assert.Contains("SEV1, SEV2, SEV3, SEV4", message);
    }

    [Fact]
    public void Validate_EntryWithoutTimeActorOrText_NamesEachField()
    {
        var errors = ReviewRules.Validate(new TimelineEntryInput());

        Assert.Equal(["actor", "occurredAt", "text"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/file")]
    public void Validate_EntryLinkThatIsNotWeb_IsRefused(string link)
    {
        var errors = ReviewRules.Validate(new TimelineEntryInput { OccurredAt = Start, Actor = "Priya", Text = "Paged", Link = link });

        Assert.True(errors.Has("link"));
    }

    [Fact]
    public void CleanList_TrimsAndDropsRepeats()
    {
        Assert.Equal(["checkout", "payments"], ReviewRules.SplitList(" checkout, payments,,Checkout "));
    }
}
