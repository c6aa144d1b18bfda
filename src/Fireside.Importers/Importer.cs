using System.Security.Cryptography;
using System.Text;
using Fireside.Core.Reviews;

namespace Fireside.Importers;

/// <summary>
/// One moment read from a source. <see cref="SourceKey"/> identifies it within its source, so the same
/// file imported twice (or a longer export of the same channel) adds nothing already there.
/// </summary>
public sealed record ImportedEntry(
    DateTime OccurredAt,
    string Actor,
    ActorKind ActorKind,
    TimelineEntryKind Kind,
    string Text,
    string? Link,
    string Source,
    string SourceKey);

/// <summary>How to read a source: the zone its times are in when they carry none, and the day when lines give only a time.</summary>
public sealed class ImportOptions
{
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>For chat logs whose lines carry only a time of day.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>A name for the file in messages ("slack-export.zip").</summary>
    public string FileName { get; init; } = "the file";

    /// <summary>What reading the file may cost before it is refused.</summary>
    public ImportLimits Limits { get; init; } = ImportLimits.Default;
}

/// <summary>The seam every source implements. Entries are streamed, so a large export never sits in memory at once.</summary>
public interface ITimelineImporter
{
    /// <summary>The name used on the command line and in the API: slack, chat, alertmanager, pagerduty, git, csv.</summary>
    string Name { get; }

    IEnumerable<ImportedEntry> Read(Stream input, ImportOptions options);
}

/// <summary>Input that cannot be imported. The message names the file and the line, message or entry that is wrong.</summary>
public sealed class ImportFormatException(string message, Exception? inner = null) : Exception(message, inner);

public static class Importers
{
    public static IReadOnlyList<ITimelineImporter> All { get; } =
    [
        new Slack.SlackExportImporter(),
        new ChatLogs.ChatLogImporter(),
        new Alerts.AlertmanagerImporter(),
        new Alerts.PagerDutyImporter(),
        new Git.GitLogImporter(),
        new Csv.CsvImporter(),
    ];

    /// <summary>A file's entries, read afresh each time they are enumerated (an import checks a file, then writes it).</summary>
    public static IEnumerable<ImportedEntry> FromFile(ITimelineImporter importer, string path, ImportOptions options)
    {
        using var stream = File.OpenRead(path);
        foreach (var entry in importer.Read(stream, options))
        {
            yield return entry;
        }
    }

    public static ITimelineImporter? Find(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A short stable fingerprint for sources without ids of their own.</summary>
    public static string Fingerprint(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))).AsSpan(0, 12));

    /// <summary>A time written without a zone, read in <paramref name="zone"/>; the skipped hour of spring is refused.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone, string where)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            throw new ImportFormatException($"{where}: {local:yyyy-MM-dd HH:mm:ss} does not exist in {zone.Id} (the clocks moved forward then).");
        }

        var offset = zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).UtcDateTime;
    }
}
