using System.Globalization;
using System.Text.RegularExpressions;
using Fireside.Core.Reviews;

namespace Fireside.Importers.ChatLogs;

/// <summary>
/// Plain chat logs, one message per line, in these styles:
/// <list type="bullet">
/// <item>irssi: <c>10:42 &lt;nick&gt; text</c> or <c>10:42:13 &lt; nick&gt; text</c>, with <c>--- Day changed Tue Nov 24 2026</c> and <c>--- Log opened …</c> lines giving the date;</item>
/// <item>WeeChat: <c>2026-11-24 10:42:13	nick	text</c> (tab-separated, full date);</item>
/// <item>ZNC and others: <c>[10:42:13] &lt;nick&gt; text</c> or <c>[10:42] &lt;nick&gt; text</c>;</item>
/// <item>any of the above with a full date in front: <c>[2026-11-24 10:42:13] &lt;nick&gt; text</c>.</item>
/// </list>
/// Lines with only a time take their day from the log's own date lines, or from <see cref="ImportOptions.Date"/>;
/// when the time of day goes backwards (past midnight), the day moves on. Times are read in
/// <see cref="ImportOptions.TimeZone"/>. Actions (<c>* nick waves</c>) are kept; joins, parts and other
/// server notices are skipped.
/// </summary>
public sealed partial class ChatLogImporter : ITimelineImporter
{
    public string Name => "chat";

    public IEnumerable<ImportedEntry> Read(Stream input, ImportOptions options)
    {
        using var reader = new StreamReader(input, leaveOpen: true);
        var day = options.Date;
        TimeSpan? previous = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        while (Input.ReadLine(reader, $"{options.FileName}, line {number + 1}", options.Limits) is { } line)
        {
            number++;
            var where = $"{options.FileName}, line {number}";
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (DayLine().Match(line) is { Success: true } dayLine)
            {
                day = ParseDay(dayLine.Groups["date"].Value, where);
                previous = null;
                continue;
            }

            DateTime local;
            string nick;
            string text;
            if (WeeChat().Match(line) is { Success: true } wee)
            {
                if (!DateTime.TryParseExact(wee.Groups["at"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
                {
                    throw new ImportFormatException($"{where}: \"{wee.Groups["at"].Value}\" is not a date and time.");
                }
                nick = wee.Groups["nick"].Value.Trim().TrimStart('@', '+', '%');
                text = wee.Groups["text"].Value;
                if (nick is "-->" or "<--" or "--" or "=!=" or "")
                {
                    continue;
                }

                if (nick == " *" || nick == "*")
                {
                    (nick, text) = SplitAction(text);
                }

                day = DateOnly.FromDateTime(local);
                previous = local.TimeOfDay;
            }
            else if (Message().Match(line) is { Success: true } message)
            {
                var time = ParseTime(message.Groups["time"].Value, where);
                if (message.Groups["date"].Success)
                {
                    day = ParseDay(message.Groups["date"].Value, where);
                }
                else if (day is null)
                {
                    throw new ImportFormatException($"{where}: the line has a time but the log gives no date. Pass the date (for example --date 2026-11-24) or use a log with day lines.");
                }
                else if (previous is { } before && time < before - TimeSpan.FromHours(1))
                {
                    day = day.Value.AddDays(1);
                }

                previous = time;
                local = day!.Value.ToDateTime(TimeOnly.FromTimeSpan(time));
                if (message.Groups["nick"].Success)
                {
                    nick = message.Groups["nick"].Value.Trim().TrimStart('@', '+', '%');
                    text = message.Groups["text"].Value;
                }
                else if (message.Groups["action"].Success)
                {
                    (nick, text) = SplitAction(message.Groups["action"].Value);
                }
                else
                {
                    continue;
                }
            }
            else if (Notice().IsMatch(line))
            {
                continue;
            }
            else
            {
                throw new ImportFormatException($"{where}: \"{Shorten(line)}\" is not a chat line Fireside knows (irssi, WeeChat, ZNC or \"[HH:MM] <nick> text\").");
            }

            var utc = Importers.ToUtc(local, options.TimeZone, where);
            var basis = $"{utc:O}|{nick}|{text}";
            seen[basis] = seen.TryGetValue(basis, out var count) ? count + 1 : 0;
            yield return new ImportedEntry(utc, nick, ActorKind.Person, TimelineEntryKind.Communication, text.Trim(), null, "chat",
                $"chat:{Importers.Fingerprint(basis)}:{seen[basis]}");
        }
    }

    private static (string Nick, string Text) SplitAction(string action)
    {
        var space = action.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (action, action) : (action[..space], "* " + action);
    }

    private static DateOnly ParseDay(string text, string where)
    {
        string[] formats = ["yyyy-MM-dd", "ddd MMM dd yyyy", "ddd MMM d yyyy", "ddd MMM dd HH:mm:ss yyyy", "ddd MMM d HH:mm:ss yyyy"];
        var cleaned = MultiSpace().Replace(text.Trim(), " ");
        return DateTime.TryParseExact(cleaned, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? DateOnly.FromDateTime(parsed)
            : throw new ImportFormatException($"{where}: \"{text}\" is not a date Fireside can read.");
    }

    private static TimeSpan ParseTime(string text, string where) =>
        TimeSpan.TryParseExact(text, [@"hh\:mm\:ss", @"hh\:mm", @"h\:mm", @"h\:mm\:ss"], CultureInfo.InvariantCulture, out var time)
            ? time
            : throw new ImportFormatException($"{where}: \"{text}\" is not a time of day.");

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;

    [GeneratedRegex(@"^---\s+(?:Day changed|Log opened|Log closed)\s+(?<date>.+?)\s*$")]
    private static partial Regex DayLine();

    [GeneratedRegex(@"^(?<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\t(?<nick>[^\t]*)\t(?<text>.*)$")]
    private static partial Regex WeeChat();

    [GeneratedRegex(@"^\[?(?:(?<date>\d{4}-\d{2}-\d{2})[ T])?(?<time>\d{1,2}:\d{2}(?::\d{2})?)\]?\s+(?:<\s*(?<nick>[^>]+)>\s?(?<text>.*)|\*\s+(?<action>.+)|(?<notice>-!-|\*\*\*|-->|<--).*)$")]
    private static partial Regex Message();

    [GeneratedRegex(@"^(?:\[[^\]]*\]\s*)?(?:-!-|\*\*\*|-->|<--)")]
    private static partial Regex Notice();

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultiSpace();
}
