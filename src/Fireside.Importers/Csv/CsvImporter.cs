using System.Globalization;
using Fireside.Core.Reviews;
using Sylvan.Data.Csv;

namespace Fireside.Importers.Csv;

/// <summary>
/// A CSV with a header row naming the columns <c>time, actor, text</c> (required) and <c>source, link, kind,
/// actor_kind</c> (optional), in any order. Times are ISO 8601; without an offset they are read in the
/// import's time zone. Commas, semicolons and tabs are all recognised as separators.
/// </summary>
public sealed class CsvImporter : ITimelineImporter
{
    public string Name => "csv";

    public IEnumerable<ImportedEntry> Read(Stream input, ImportOptions options)
    {
        if (input.CanSeek)
        {
            var start = input.Position;
            Measure(input, options);
            input.Position = start;
        }

        using var reader = new StreamReader(input, leaveOpen: true);
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HeaderComparer = StringComparer.OrdinalIgnoreCase, MaxBufferSize = Math.Max(64 * 1024, options.Limits.MaxLineLength) });
        }
        catch (CsvFormatException e)
        {
            throw new ImportFormatException($"{options.FileName}: the first line, with the column names, could not be read as CSV.", e);
        }

        using (csv)
        {
            if (csv.FieldCount > options.Limits.MaxFieldsPerRow)
            {
                throw new ImportFormatException($"{options.FileName}: the header row has {csv.FieldCount:N0} columns; Fireside reads up to {options.Limits.MaxFieldsPerRow} (setting Imports:MaxFieldsPerRow).");
            }

            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var name = csv.GetName(i).Trim().ToLowerInvariant().Replace(' ', '_');
                if (name.Length > 0 && !columns.TryAdd(name, i))
                {
                    throw new ImportFormatException($"{options.FileName}: the header row names the column \"{name}\" twice; keep one of them.");
                }
            }

            if (columns.Count == 0)
            {
                yield break;
            }

            var missing = new[] { "time", "actor", "text" }.Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new ImportFormatException($"{options.FileName}: the header row needs the columns time, actor and text; it lacks {string.Join(", ", missing)}.");
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var row = 1;
            while (Next(csv, options.FileName, row + 1))
            {
                row++;
                var where = $"{options.FileName}, row {row}";
                if (csv.RowFieldCount > options.Limits.MaxFieldsPerRow)
                {
                    throw new ImportFormatException($"{where}: the row has {csv.RowFieldCount:N0} fields; Fireside reads up to {options.Limits.MaxFieldsPerRow} (setting Imports:MaxFieldsPerRow).");
                }

                string Field(string name) => columns.TryGetValue(name, out var i) && i < csv.RowFieldCount ? csv.GetString(i).Trim() : "";
                var time = Field("time");
                var actor = Field("actor");
                var text = Field("text");
                if (time.Length == 0 && actor.Length == 0 && text.Length == 0)
                {
                    continue;
                }

                if (actor.Length == 0 || text.Length == 0)
                {
                    throw new ImportFormatException($"{where}: every row needs an actor and a text.");
                }

                var utc = ParseTime(time, options.TimeZone, where);
                var source = Field("source") is { Length: > 0 } s ? s : "csv";
                var link = Field("link") is { Length: > 0 } l ? l : null;
                var kind = Field("kind") is { Length: > 0 } k
                    ? Enum.TryParse<TimelineEntryKind>(k.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                        ? parsed
                        : throw new ImportFormatException($"{where}: \"{k}\" is not a kind of entry ({string.Join(", ", Enum.GetNames<TimelineEntryKind>()).ToLowerInvariant()}).")
                    : TimelineEntryKind.Other;
                var actorKind = Field("actor_kind").Equals("system", StringComparison.OrdinalIgnoreCase) ? ActorKind.System : ActorKind.Person;
                var basis = $"{utc:O}|{actor}|{text}";
                seen[basis] = seen.TryGetValue(basis, out var count) ? count + 1 : 0;
                yield return new ImportedEntry(utc, actor, actorKind, kind, text, link, source, $"csv:{Importers.Fingerprint(basis)}:{seen[basis]}");
            }
        }
    }

    /// <summary>
    /// A quick pass over the raw text that refuses a record with too many fields or too many characters
    /// before the CSV reader sees it (a 1.4 MB row of 700,000 fields otherwise takes the reader many seconds).
    /// </summary>
    private static void Measure(Stream input, ImportOptions options)
    {
        using var reader = new StreamReader(input, leaveOpen: true);
        var limits = options.Limits;
        var buffer = new char[64 * 1024];
        int row = 1, commas = 0, semicolons = 0, tabs = 0, length = 0, read;
        var quoted = false;
        while ((read = reader.Read(buffer)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                length++;
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && c == '\n')
                {
                    row++;
                    commas = semicolons = tabs = length = 0;
                    continue;
                }
                else if (!quoted)
                {
                    commas += c == ',' ? 1 : 0;
                    semicolons += c == ';' ? 1 : 0;
                    tabs += c == '\t' ? 1 : 0;
                }

                if (Math.Max(commas, Math.Max(semicolons, tabs)) >= limits.MaxFieldsPerRow)
                {
                    throw new ImportFormatException($"{options.FileName}, row {row}: the row has more than {limits.MaxFieldsPerRow} fields; Fireside reads up to {limits.MaxFieldsPerRow} (setting Imports:MaxFieldsPerRow).");
                }

                if (length > limits.MaxLineLength)
                {
                    throw new ImportFormatException($"{options.FileName}, row {row}: the row is longer than {limits.MaxLineLength:N0} characters (setting Imports:MaxLineLength).");
                }
            }
        }
    }

    private static bool Next(CsvDataReader csv, string fileName, int row)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException e)
        {
            throw new ImportFormatException($"{fileName}, row {row}: the CSV could not be read there; is a quote left open, or a line very long?", e);
        }
    }

    private static DateTime ParseTime(string text, TimeZoneInfo zone, string where)
    {
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset.UtcDateTime;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? Importers.ToUtc(local, zone, where)
            : throw new ImportFormatException($"{where}: \"{text}\" is not a time Fireside can read. Use ISO 8601, such as 2026-11-24T10:42:00Z.");
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
}
