using System.Globalization;

namespace Fireside.Core.Reviews;

/// <summary>Where a review stands, in one short line for its header: what comes next, with the time in the reader's zone.</summary>
public static class ReviewProgress
{
    public static string NextStep(ReviewStatus status, DateTime? meetingAt, DateTime? publishedAt, DateTime now, TimeZoneInfo zone)
    {
        if (status == ReviewStatus.Published)
        {
            return publishedAt is { } published ? $"Published on {Day(published, now, zone)}." : "Published.";
        }

        if (status == ReviewStatus.Reviewed)
        {
            return "Met and written up: publishing is next, under After the meeting.";
        }

        if (meetingAt is { } meeting)
        {
            return meeting > now
                ? $"Meeting {When(meeting, now, zone)}."
                : $"Met {Day(meeting, now, zone)}: takeaways and contributing factors are next.";
        }

        return status == ReviewStatus.Draft
            ? "Next: gather the story, then propose a meeting time under Facilitation."
            : "Next: propose a meeting time under Facilitation.";
    }

    /// <summary>"today at 14:00", "tomorrow at 09:30", "on Tuesday at 14:00" within the week, else "on 12 Dec at 14:00".</summary>
    private static string When(DateTime utc, DateTime now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var days = (local.Date - TimeZoneInfo.ConvertTimeFromUtc(now, zone).Date).Days;
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return days switch
        {
            0 => $"today at {time}",
            1 => $"tomorrow at {time}",
            < 7 => $"on {local.ToString("dddd", CultureInfo.InvariantCulture)} at {time}",
            _ => $"on {Day(utc, now, zone)} at {time}",
        };
    }

    /// <summary>"3 Dec", with the year when it is not this one.</summary>
    private static string Day(DateTime utc, DateTime now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var sameYear = local.Year == TimeZoneInfo.ConvertTimeFromUtc(now, zone).Year;
        return local.ToString(sameYear ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
    }
}
