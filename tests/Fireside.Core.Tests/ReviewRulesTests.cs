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

public sealed class AttachmentRulesTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x37, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)]
    [InlineData(new byte[] { 0x89, 0x50 }, null)]
    public void Images_AreRecognisedByTheirFirstBytes(byte[] head, string? expected) =>
        Assert.Equal(expected, AttachmentRules.DetectImageType(head));

    [Fact]
    public void TooLargeOrEmptyOrUnknown_SayWhichFileAndWhy()
    {
        var large = AttachmentRules.ValidateUpload("board.png", AttachmentRules.MaxBytes + 1, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], null);
        var empty = AttachmentRules.ValidateUpload("board.png", 0, [], null);
        var svg = AttachmentRules.ValidateUpload("board.svg", 4, "<svg"u8, new string('x', AttachmentRules.CaptionMaxLength + 1));

        Assert.Contains("\"board.png\" is 10.0 MB; images can be up to 10 MB.", large.For("file"));
        Assert.Contains("\"board.png\" is empty", empty.Messages());
        Assert.Contains("not a PNG, JPEG, GIF or WebP image", svg.Messages());
        Assert.True(svg.Has("caption"));
    }

    [Theory]
    [InlineData("https://grafana.example.com/d/x.png", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:image/png;base64,AAAA", false)]
    [InlineData("", false)]
    public void LinkedImages_NeedAWebAddress(string url, bool valid) =>
        Assert.Equal(valid, AttachmentRules.ValidateLink(url, "caption").IsValid);
}

public sealed class ScopeTests
{
    private static readonly DateTime Ten = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Scope_IsTheWindow_UnlessAnEntryIsChosenInOrOut()
    {
        var review = new Review { ScopeStartsAt = Ten, ScopeEndsAt = Ten.AddHours(1) };

        Assert.True(review.InScope(new TimelineEntry { OccurredAt = Ten.AddMinutes(30) }));
        Assert.False(review.InScope(new TimelineEntry { OccurredAt = Ten.AddHours(2) }));
        Assert.True(review.InScope(new TimelineEntry { OccurredAt = Ten.AddHours(2), Scope = ScopeChoice.Included }));
        Assert.False(review.InScope(new TimelineEntry { OccurredAt = Ten.AddMinutes(30), Scope = ScopeChoice.Excluded }));
        Assert.True(new Review().InScope(new TimelineEntry { OccurredAt = Ten }));
    }

    [Fact]
    public void SpanAccount_NeedsBothEnds_InOrder()
    {
        var missing = ReviewRules.ValidateSpan(new AccountInput { Author = "Sam", Saw = "x" });
        var backwards = ReviewRules.ValidateSpan(new AccountInput { Author = "Sam", Saw = "x", SpanStartsAt = new DateTimeOffset(Ten.AddHours(1)), SpanEndsAt = new DateTimeOffset(Ten) });

        Assert.True(missing.Has("spanStartsAt") && missing.Has("spanEndsAt"));
        Assert.True(backwards.Has("spanEndsAt"));
        Assert.True(ReviewRules.ValidateSpan(new AccountInput { Author = "Sam", Saw = "x", SpanStartsAt = new DateTimeOffset(Ten), SpanEndsAt = new DateTimeOffset(Ten) }).IsValid);
    }
}
