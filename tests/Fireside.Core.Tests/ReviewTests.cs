using Fireside.Core.Reviews;

namespace Fireside.Core.Tests;

public class ReviewTests
{
    private static readonly DateTime Start = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Durations_AreComputedFromTheTimes()
    {
        var review = new Review { IncidentStartedAt = Start, DetectedAt = Start.AddMinutes(7), ResolvedAt = Start.AddMinutes(95) };

        Assert.Equal(TimeSpan.FromMinutes(95), review.Impact);
        Assert.Equal(TimeSpan.FromMinutes(7), review.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(88), review.TimeToResolve);
    }

    [Fact]
    public void Durations_WithoutBothEnds_AreUnknown()
    {
        var review = new Review { IncidentStartedAt = Start };

        Assert.Null(review.Impact);
        Assert.Null(review.TimeToDetect);
        Assert.Equal("—", Durations.Describe(review.Impact));
    }

    [Theory]
    [InlineData(40, "40 s")]
    [InlineData(12 * 60, "12 min")]
    [InlineData(65 * 60, "1 h 05 min")]
    [InlineData(27 * 3600, "1 d 3 h")]
    public void Describe_ReadsNaturally(int seconds, string expected)
    {
        Assert.Equal(expected, Durations.Describe(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void OrderedTimeline_SortsByTimeWhateverTheInsertOrder()
    {
        var review = new Review();
        review.Timeline.Add(new TimelineEntry { OccurredAt = Start.AddMinutes(30), Text = "third" });
        review.Timeline.Add(new TimelineEntry { OccurredAt = Start, Text = "first" });
        review.Timeline.Add(new TimelineEntry { OccurredAt = Start.AddMinutes(5), Text = "second" });

        Assert.Equal(["first", "second", "third"], review.OrderedTimeline.Select(e => e.Text));
    }

    [Fact]
    public void Apply_StoresTimesAsUtc()
    {
        var review = new Review();
        var berlin = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.FromHours(1));

        review.Apply(new ReviewInput { Title = "  Padded  ", IncidentStartedAt = berlin }, Start);

        Assert.Equal("Padded", review.Title);
        Assert.Equal(Start, review.IncidentStartedAt);
        Assert.Equal(DateTimeKind.Utc, review.IncidentStartedAt!.Value.Kind);
    }

    [Fact]
    public void SeverityCatalog_FindsLevelsIgnoringCase()
    {
        Assert.Equal("SEV2", SeverityCatalog.Default.Canonical("sev2"));
        Assert.Null(SeverityCatalog.Default.Find("SEV0"));
    }
}
