using System.Globalization;
using Fireside.Core;

namespace Fireside.Web.Infrastructure;

/// <summary>Converts between UTC (how Fireside stores time) and the signed-in person's own zone.</summary>
public sealed class UserTime(IHttpContextAccessor http)
{
    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= Find(http.HttpContext?.User.FindFirst(FiresideClaimsPrincipalFactory.TimeZoneClaim)?.Value);

    /// <summary>Times for someone outside a request (a live room's connection), from their claims.</summary>
    public static UserTime For(System.Security.Claims.ClaimsPrincipal user) =>
        new(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } });

    /// <summary>Reads a date and time as typed in a form (datetime-local), in the reader's zone; empty gives null.</summary>
    public DateTimeOffset? ParseLocal(string? text, string field, string label, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(field, $"{label}: \"{text}\" is not a date and time Fireside can read.");
            return null;
        }

        return ToUtc(local, field, label, errors);
    }

    public static TimeZoneInfo Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool IsKnownZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public DateTime? ToLocal(DateTime? utc) =>
        utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), Zone) : null;

    /// <summary>"2026-11-24 10:42" in the reader's zone, with the zone's abbreviation.</summary>
    public string Format(DateTime? utc, bool seconds = false)
    {
        if (ToLocal(utc) is not { } local)
        {
            return "—";
        }

        var text = local.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{text} {ZoneLabel(local)}";
    }

    /// <summary>
    /// A moment's time as a timeline shows it: "14:02" (with seconds only when they are not zero), and the date in
    /// front only when it differs from <paramref name="previousDay"/>, the day of the moment above. The zone is named
    /// once, above the timeline (<see cref="ZoneNote"/>).
    /// </summary>
    public string Moment(DateTime utc, DateOnly? previousDay)
    {
        var local = ToLocal(utc)!.Value;
        var time = local.ToString(local.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
        return DateOnly.FromDateTime(local) == previousDay ? time : $"{local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {time}";
    }

    /// <summary>The reader's day of a moment, to compare with the next one's.</summary>
    public DateOnly Day(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc)!.Value);

    /// <summary>"Times are in Europe/Berlin (UTC+01:00)", said once above a list of times.</summary>
    public string ZoneNote(DateTime? at = null)
    {
        var local = ToLocal(at ?? DateTime.UtcNow)!.Value;
        return Zone == TimeZoneInfo.Utc ? "Times are in UTC." : $"Times are in {Zone.Id} ({ZoneLabel(local)}).";
    }

    public string ZoneLabel(DateTime local)
    {
        if (Zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        var offset = Zone.GetUtcOffset(local);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"UTC{sign}{offset.Duration():hh\\:mm}";
    }

    /// <summary>
    /// Reads a time typed in the reader's zone. Times that do not exist (the hour skipped when clocks
    /// go forward) are reported; ambiguous ones (the hour repeated in autumn) take the first.
    /// </summary>
    public DateTimeOffset? ToUtc(DateTime? local, string field, string label, ValidationErrors errors)
    {
        if (local is not { } l)
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(l, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            errors.Add(field, $"{label}: {l:yyyy-MM-dd HH:mm} does not exist in {Zone.Id}, because the clocks moved forward then. Please pick a time just before or after.");
            return null;
        }

        var offset = Zone.IsAmbiguousTime(unspecified)
            ? Zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : Zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }
}
