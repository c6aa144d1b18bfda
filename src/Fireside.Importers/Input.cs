using System.Text;
using System.Text.Json;

namespace Fireside.Importers;

/// <summary>
/// What one import may cost, checked while the file is read, so a hostile or broken file is refused early
/// (a zip bomb, a row of 700,000 fields, JSON nested thousands deep) instead of filling memory or holding
/// the database. Operators change them in the "Imports" settings; docs/security.md lists the defaults.
/// </summary>
public sealed record ImportLimits
{
    /// <summary>All files in a zip together, uncompressed.</summary>
    public long MaxUncompressedBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Files in a zip.</summary>
    public int MaxZipEntries { get; init; } = 200_000;

    /// <summary>One JSON file: a day of a Slack channel, an Alertmanager or PagerDuty export.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How much more a file in a zip may hold than it takes compressed; ordinary JSON stays far below.</summary>
    public int MaxCompressionRatio { get; init; } = 250;

    /// <summary>Characters in one line of a chat log, git log or CSV record.</summary>
    public int MaxLineLength { get; init; } = 1024 * 1024;

    /// <summary>Characters in one message. Longer ones up to this are kept, shortened to what a moment holds; beyond it the file is refused.</summary>
    public int MaxMessageLength { get; init; } = 1024 * 1024;

    /// <summary>Fields in one CSV row (a timeline has a handful).</summary>
    public int MaxFieldsPerRow { get; init; } = 64;

    /// <summary>How deep JSON may nest.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    public static ImportLimits Default { get; } = new();
}

/// <summary>Reading what an importer is given, within its limits; every problem becomes an <see cref="ImportFormatException"/> naming where.</summary>
public static class Input
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The whole stream as UTF-8 text, refused when larger than <see cref="ImportLimits.MaxFileBytes"/> or not UTF-8.</summary>
    public static string ReadText(Stream input, string where, ImportLimits limits)
    {
        var bytes = ReadBytes(input, where, limits.MaxFileBytes);
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFormatException($"{where} is not UTF-8 text (a byte at position {e.Index} cannot be read). Export it again as UTF-8.", e);
        }
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; more than that is refused, whatever the file claimed about its size.</summary>
    public static byte[] ReadBytes(Stream input, string where, long max)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (copy.Length + read > max)
                {
                    throw new ImportFormatException($"{where} is larger than the {Size(max)} Fireside reads from one file (setting Imports:MaxFileBytes).");
                }

                copy.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ImportFormatException($"{where} could not be read: it looks damaged or cut short.", e);
        }

        return copy.ToArray();
    }

    /// <summary>Parses JSON within the nesting limit.</summary>
    public static JsonDocument ParseJson(string text, string where, ImportLimits limits)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw new ImportFormatException($"{where}: not valid JSON{At(e)}.", e);
        }
    }

    /// <summary>A string property, or null. Text with broken escapes (a lone surrogate) is kept as written rather than lost.</summary>
    public static string? Text(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText().Trim('"');
        }
    }

    /// <summary>Reads a line, refusing one longer than the limit (a file without line breaks, say).</summary>
    public static string? ReadLine(TextReader reader, string where, ImportLimits limits)
    {
        var line = new StringBuilder();
        var any = false;
        while (true)
        {
            var next = reader.Read();
            if (next < 0)
            {
                return any ? line.ToString() : null;
            }

            any = true;
            if (next == '\n')
            {
                return line.ToString();
            }

            if (next == '\r')
            {
                if (reader.Peek() == '\n')
                {
                    reader.Read();
                }

                return line.ToString();
            }

            if (line.Length >= limits.MaxLineLength)
            {
                throw new ImportFormatException($"{where}: the line is longer than {limits.MaxLineLength:N0} characters (setting Imports:MaxLineLength).");
            }

            line.Append((char)next);
        }
    }

    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024):N0} MB" : $"{bytes / 1024:N0} KB";

    /// <summary>Where in a JSON file the reader stopped, in the words of a person with the file open: " at line 3, position 14".</summary>
    public static string At(JsonException e) => e.LineNumber switch
    {
        0 => $" at position {e.BytePositionInLine + 1}",
        { } line => $" at line {line + 1}, position {e.BytePositionInLine + 1}",
        null => "",
    };
}
