using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fireside.Core.Reviews;

namespace Fireside.Importers.Slack;

/// <summary>
/// A Slack workspace export: the zip with users.json, channels.json and a folder per channel holding
/// one JSON file per day. Messages, thread replies, edits (the export keeps the latest text) and bot
/// messages become entries; joins and similar housekeeping do not. Slack's markup becomes readable text.
/// </summary>
public sealed partial class SlackExportImporter : ITimelineImporter
{
    private static readonly HashSet<string> Housekeeping = new(StringComparer.Ordinal)
    {
        "channel_join", "channel_leave", "channel_purpose", "channel_topic", "channel_name", "channel_archive", "channel_unarchive",
        "group_join", "group_leave", "pinned_item", "unpinned_item", "reminder_add", "bot_add", "bot_remove",
    };

    public string Name => "slack";

    public IEnumerable<ImportedEntry> Read(Stream input, ImportOptions options)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFormatException($"{options.FileName} is not a readable zip file. Slack exports are zip files; is the download complete?", e);
        }

        using (zip)
        {
            var budget = new Budget(options.FileName, options.Limits);
            var entries = budget.Check(zip);
            var users = ReadUsers(zip, budget);
            var channels = ReadChannels(zip, budget);
            var days = entries
                .Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && e.FullName.Contains('/', StringComparison.Ordinal))
                .Select(e => (Entry: e, Channel: e.FullName[..e.FullName.IndexOf('/', StringComparison.Ordinal)]))
                .OrderBy(e => e.Channel, StringComparer.Ordinal).ThenBy(e => e.Entry.FullName, StringComparer.Ordinal)
                .ToList();

            foreach (var (entry, channel) in days)
            {
                var channelId = channels.TryGetValue(channel, out var id) ? id : channel;
                foreach (var message in ReadDay(entry, budget))
                {
                    var imported = ToEntry(message, users, channel, channelId, $"{options.FileName}: {entry.FullName}", options.Limits);
                    if (imported is not null)
                    {
                        yield return imported;
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonElement> ReadDay(ZipArchiveEntry entry, Budget budget)
    {
        using (var document = budget.Json(entry))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ImportFormatException($"{budget.FileName}: {entry.FullName} should hold a list of messages.");
            }

            foreach (var message in document.RootElement.EnumerateArray())
            {
                yield return message.Clone();
            }
        }
    }

    private static ImportedEntry? ToEntry(JsonElement message, Dictionary<string, (string Name, bool Bot)> users, string channel, string channelId, string where, ImportLimits limits)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new ImportFormatException($"{where}: a message is not a JSON object.");
        }

        var subtype = Text(message, "subtype");
        if (subtype is not null && Housekeeping.Contains(subtype))
        {
            return null;
        }

        var ts = Text(message, "ts") ?? throw new ImportFormatException($"{where}: a message has no \"ts\" (its time).");
        if (!decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds >= LastSecond)
        {
            throw new ImportFormatException($"{where}: the message time \"{ts}\" is not a Slack timestamp.");
        }

        var at = DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        var userId = Text(message, "user");
        string actor;
        var kind = ActorKind.Person;
        if (subtype == "bot_message" || message.ValueKind == JsonValueKind.Object && message.TryGetProperty("bot_id", out _) && userId is null)
        {
            actor = Text(message, "username") ?? (message.TryGetProperty("bot_profile", out var bot) ? Text(bot, "name") : null) ?? "bot";
            kind = ActorKind.System;
        }
        else if (userId is not null && users.TryGetValue(userId, out var user))
        {
            actor = user.Name;
            kind = user.Bot ? ActorKind.System : ActorKind.Person;
        }
        else
        {
            actor = Text(message, "user_name") ?? userId ?? "unknown";
        }

        var raw = Text(message, "text") ?? "";
        if (raw.Length > limits.MaxMessageLength)
        {
            throw new ImportFormatException($"{where}: the message at {ts} is {raw.Length:N0} characters long; Fireside reads messages of up to {limits.MaxMessageLength:N0} (setting Imports:MaxMessageLength).");
        }

        var text = Readable(raw, users);
        if (message.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array)
        {
            var names = files.EnumerateArray().Select(f => Text(f, "name") ?? Text(f, "title")).Where(n => n is not null);
            var list = string.Join(", ", names);
            if (list.Length > 0)
            {
                text = text.Length == 0 ? $"[shared {list}]" : $"{text} [shared {list}]";
            }
        }

        if (text.Length == 0)
        {
            return null;
        }

        var threadTs = Text(message, "thread_ts");
        var prefix = threadTs is not null && threadTs != ts ? "(in a thread) " : "";
        var edited = message.TryGetProperty("edited", out _) ? " (edited)" : "";
        return new ImportedEntry(at, actor, kind, TimelineEntryKind.Communication, $"#{channel}: {prefix}{text}{edited}", null, "slack", $"slack:{channelId}:{ts}");
    }

    /// <summary>&lt;@U123&gt; → @name, &lt;#C123|general&gt; → #general, &lt;https://x|label&gt; → label (https://x), &amp;amp; → &amp;.</summary>
    public static string Readable(string text, IReadOnlyDictionary<string, (string Name, bool Bot)> users)
    {
        var replaced = Markup().Replace(text, match =>
        {
            var inner = match.Groups[1].Value;
            var bar = inner.IndexOf('|', StringComparison.Ordinal);
            var target = bar < 0 ? inner : inner[..bar];
            var label = bar < 0 ? null : inner[(bar + 1)..];
            return target[0] switch
            {
                '@' => "@" + (label ?? (users.TryGetValue(target[1..], out var u) ? u.Name : target[1..])),
                '#' => "#" + (label ?? target[1..]),
                '!' => target.StartsWith("!subteam^", StringComparison.Ordinal) ? label ?? "@team" : "@" + (label ?? target[1..]),
                _ => label is null || label == target ? target : $"{label} ({target})",
            };
        });
        return WebUtility.HtmlDecode(replaced).Trim();
    }

    /// <summary>Seconds from 1970 to the end of year 9999, the last moment a timeline can hold.</summary>
    private const decimal LastSecond = 253_402_300_800m;

    private static Dictionary<string, (string Name, bool Bot)> ReadUsers(ZipArchive zip, Budget budget)
    {
        var users = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        var entry = zip.GetEntry("users.json");
        if (entry is null)
        {
            throw new ImportFormatException($"{budget.FileName} has no users.json, so it does not look like a Slack workspace export.");
        }

        foreach (var user in ReadArray(entry, budget))
        {
            var id = Text(user, "id");
            if (id is null)
            {
                continue;
            }

            var profile = user.TryGetProperty("profile", out var p) ? p : default;
            var name = First(profile.ValueKind == JsonValueKind.Object ? Text(profile, "display_name") : null,
                profile.ValueKind == JsonValueKind.Object ? Text(profile, "real_name") : null,
                Text(user, "real_name"), Text(user, "name")) ?? id;
            var bot = user.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind == JsonValueKind.True;
            users[id] = (name, bot);
        }

        return users;
    }

    private static Dictionary<string, string> ReadChannels(ZipArchive zip, Budget budget)
    {
        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        var entry = zip.GetEntry("channels.json");
        if (entry is null)
        {
            return channels;
        }

        foreach (var channel in ReadArray(entry, budget))
        {
            if (Text(channel, "name") is { } name && Text(channel, "id") is { } id)
            {
                channels[name] = id;
            }
        }

        return channels;
    }

    private static List<JsonElement> ReadArray(ZipArchiveEntry entry, Budget budget)
    {
        using var document = budget.Json(entry);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new ImportFormatException($"{budget.FileName}: {entry.FullName} should hold a list.");
        }

        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>What this zip may still cost: files, bytes, and how much each file may grow when unpacked.</summary>
    private sealed class Budget(string fileName, ImportLimits limits)
    {
        private long _unpacked;

        public string FileName => fileName;

        /// <summary>Reads the zip's directory and refuses a zip that claims more than the limits before anything is unpacked.</summary>
        public System.Collections.ObjectModel.ReadOnlyCollection<ZipArchiveEntry> Check(ZipArchive zip)
        {
            System.Collections.ObjectModel.ReadOnlyCollection<ZipArchiveEntry> entries;
            try
            {
                entries = zip.Entries;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                throw new ImportFormatException($"{fileName} is not a readable zip file. Slack exports are zip files; is the download complete?", e);
            }

            if (entries.Count > limits.MaxZipEntries)
            {
                throw new ImportFormatException($"{fileName} holds {entries.Count:N0} files; Fireside reads up to {limits.MaxZipEntries:N0} from one zip (setting Imports:MaxZipEntries).");
            }

            var claimed = entries.Sum(e => Math.Max(0, e.Length));
            if (claimed > limits.MaxUncompressedBytes)
            {
                throw new ImportFormatException($"{fileName} unpacks to {Input.Size(claimed)}; Fireside unpacks up to {Input.Size(limits.MaxUncompressedBytes)} from one zip (setting Imports:MaxUncompressedBytes).");
            }

            foreach (var entry in entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
            {
                Refuse(entry, entry.Length);
            }

            return entries;
        }

        /// <summary>One JSON file from the zip, unpacked within the limits (counted as it unpacks, whatever the zip claimed).</summary>
        public JsonDocument Json(ZipArchiveEntry entry)
        {
            var where = $"{fileName}: {entry.FullName}";
            byte[] bytes;
            try
            {
                using var stream = entry.Open();
                bytes = Input.ReadBytes(stream, where, Math.Min(limits.MaxFileBytes, limits.MaxUncompressedBytes - _unpacked));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                throw new ImportFormatException($"{where} could not be unpacked: the zip file looks damaged.", e);
            }

            _unpacked += bytes.Length;
            Refuse(entry, bytes.Length);
            using var text = new MemoryStream(bytes, writable: false);
            return Input.ParseJson(Input.ReadText(text, where, limits), where, limits);
        }

        private void Refuse(ZipArchiveEntry entry, long unpacked)
        {
            if (unpacked > limits.MaxFileBytes)
            {
                throw new ImportFormatException($"{fileName}: {entry.FullName} unpacks to {Input.Size(unpacked)}; one file may hold up to {Input.Size(limits.MaxFileBytes)} (setting Imports:MaxFileBytes).");
            }

            if (unpacked > 1024 * 1024 && unpacked > Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
            {
                throw new ImportFormatException($"{fileName}: {entry.FullName} grows {unpacked / Math.Max(1, entry.CompressedLength):N0} times when unpacked, which ordinary exports never do (setting Imports:MaxCompressionRatio).");
            }
        }
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string? Text(JsonElement element, string property) => Input.Text(element, property);

    [GeneratedRegex("<([@#!][^>]*|[a-z][a-z0-9+.-]*:[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();
}
