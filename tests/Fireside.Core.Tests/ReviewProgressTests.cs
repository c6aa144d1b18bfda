using Fireside.Core.Reviews;

namespace Fireside.Core.Tests;

public sealed class ReviewProgressTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc); // a Saturday
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(ReviewStatus.Draft, null, null, "Next: gather the story, then propose a meeting time under Facilitation.")]
    [InlineData(ReviewStatus.Preparing, null, null, "Next: propose a meeting time under Facilitation.")]
    [InlineData(ReviewStatus.Scheduled, "2026-12-05T13:00:00Z", null, "Meeting today at 14:00.")]
    [InlineData(ReviewStatus.Scheduled, "2026-12-05T23:30:00Z", null, "Meeting tomorrow at 00:30.")]
    [InlineData(ReviewStatus.Scheduled, "2026-12-08T09:00:00Z", null, "Meeting on Tuesday at 10:00.")]
    [InlineData(ReviewStatus.Scheduled, "2026-12-20T09:00:00Z", null, "Meeting on 20 Dec at 10:00.")]
    [InlineData(ReviewStatus.Scheduled, "2026-12-03T09:00:00Z", null, "Met 3 Dec: takeaways and contributing factors are next.")]
    [InlineData(ReviewStatus.Reviewed, "2026-12-03T09:00:00Z", null, "Met and written up: publishing is next, under After the meeting.")]
    [InlineData(ReviewStatus.Published, null, "2025-11-30T09:00:00Z", "Published on 30 Nov 2025.")]
    public void TheHeaderSaysWhatComesNext_InTheReadersZone(ReviewStatus status, string? meeting, string? published, string expected)
    {
        static DateTime? Utc(string? text) => text is null ? null : DateTime.Parse(text, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(expected, ReviewProgress.NextStep(status, Utc(meeting), Utc(published), Now, Berlin));
    }
}
