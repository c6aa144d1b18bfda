namespace Fireside.Language;

/// <summary>
/// Recognises a line pasted from somewhere else: a chat log, a terminal, a log file. What people said
/// in the moment, and what machines printed, is data for the review; the coach reads it like a quote.
/// </summary>
/// <remarks>
/// Shapes: <c>[12:03] &lt;sam&gt; …</c>, <c>[12:03:44] sam: …</c>, <c>12:03 sam: …</c>, <c>&lt;sam&gt; …</c>,
/// <c>2019-03-26T10:00:01Z ERROR …</c>, <c>E0326 10:00:01.123 …</c> (klog), <c>[WARN] …</c>,
/// <c>level=error …</c>, <c>$ command</c>. A timeline written by the author ("10:32 UTC: we paged
/// the database team", "- 14:02 Sam restarted the pod") is prose, not a paste.
/// </remarks>
internal static class PastedLine
{
    private static readonly string[] Levels = ["ERROR", "ERR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE", "FATAL", "CRITICAL", "CRIT", "NOTICE", "PANIC", "EMERG", "ALERT"];

    private static readonly string[] Zones = ["UTC", "GMT", "Z", "AM", "PM", "PST", "PDT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "CET", "CEST", "BST", "IST", "JST", "AEST", "AEDT", "KST", "UTC:", "GMT:"];

    /// <summary>
    /// A chat client's speaker line, as Slack and others paste it: "liggitt [6:27 AM]", "Kim  10:02 AM",
    /// "Kim [3 hours ago]". The lines after it, up to a blank line, are that person's messages.
    /// </summary>
    public static bool IsSpeaker(ReadOnlySpan<char> line)
    {
        if (line.Length > 64)
        {
            return false;
        }

        line = line.TrimEnd();
        var nick = Nick(line);
        if (nick == 0 || nick == line.Length || line[nick] != ' ')
        {
            return false;
        }

        var rest = line[nick..].Trim();
        if (rest.Length > 2 && rest[0] == '[' && rest[^1] == ']')
        {
            var inside = rest[1..^1];
            return IsTimestamp(inside) || inside.EndsWith(" ago", StringComparison.Ordinal);
        }

        return rest.Length <= 12 && IsTimestamp(rest) && rest.Contains(':');
    }

    public static bool Looks(ReadOnlySpan<char> line)
    {
        if (line.Length < 3)
        {
            return false;
        }

        var first = line[0];
        if (first == '$' && line[1] == ' ')
        {
            return true;
        }

        if (first == '<')
        {
            // <sam> hello — IRC.
            var close = Nick(line[1..]);
            return close > 0 && close + 1 < line.Length && line[close + 1] == '>' && (close + 2 == line.Length || line[close + 2] == ' ');
        }

        if (first == '[')
        {
            var close = line.IndexOf(']');
            if (close < 2 || close > 40)
            {
                return false;
            }

            var inside = line[1..close];
            if (IsLevel(inside))
            {
                return true;
            }

            return IsTimestamp(inside) && SpeakerOrLevel(line[(close + 1)..].TrimStart());
        }

        if (char.IsAsciiDigit(first) || (char.IsAsciiLetterUpper(first) && line.Length > 5 && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[4])))
        {
            // A leading timestamp (or klog's "E0326 10:00:01.123456"), then a level or a speaker.
            var space = line.IndexOf(' ');
            var stamp = space < 0 ? line : line[..space];
            var rest = space < 0 ? [] : line[(space + 1)..].TrimStart();
            if (char.IsAsciiLetterUpper(first))
            {
                return "EWIF".Contains(first) && stamp.Length == 5 && IsDigits(stamp[1..]) && rest.Length > 0 && char.IsAsciiDigit(rest[0]);
            }

            if (!IsTimestamp(stamp))
            {
                return false;
            }

            // "2019-03-26 10:00:01,123 ERROR": the time may come as a second token.
            var next = rest.IndexOf(' ');
            if (next > 0 && IsTimestamp(rest[..next].TrimEnd(',')) && rest[..next].Contains(':'))
            {
                rest = rest[(next + 1)..].TrimStart();
            }

            if (rest.StartsWith("AM ", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("PM ", StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[3..].TrimStart();
            }

            return SpeakerOrLevel(rest);
        }

        // "liggitt [6:27 AM] message"
        var bracket = line.IndexOf(" [", StringComparison.Ordinal);
        if (bracket > 0 && bracket == Nick(line) && line[(bracket + 2)..].IndexOf(']') is var closing and > 0
            && IsTimestamp(line.Slice(bracket + 2, closing)))
        {
            return true;
        }

        var equals = line.IndexOf('=');
        return equals > 0 && line[..equals] is "level" or "lvl" or "time" or "ts" or "msg" or "severity";
    }

    /// <summary>After a timestamp: "&lt;sam&gt;", "sam:", "ERROR", "[WARN]", "level=info".</summary>
    private static bool SpeakerOrLevel(ReadOnlySpan<char> rest)
    {
        if (rest.IsEmpty)
        {
            return false;
        }

        var space = rest.IndexOf(' ');
        var word = space < 0 ? rest : rest[..space];
        if (word.Length > 2 && word[0] == '<' && word[^1] == '>' && Nick(word[1..]) == word.Length - 2)
        {
            return true;
        }

        if (IsLevel(word.Trim("[]:|")) || word.StartsWith("level=", StringComparison.Ordinal))
        {
            return true;
        }

        // "sam: text" — a speaker: one token, no spaces, ending in a colon, that is not a time zone.
        return word.Length > 2 && word[^1] == ':' && Nick(word) == word.Length - 1 && !IsZone(word) && space > 0;
    }

    private static bool IsLevel(ReadOnlySpan<char> word)
    {
        foreach (var level in Levels)
        {
            if (word.SequenceEqual(level))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsZone(ReadOnlySpan<char> word)
    {
        foreach (var zone in Zones)
        {
            if (word.TrimEnd(':').Equals(zone.TrimEnd(':'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The length of a chat nick at the start of <paramref name="text"/>: letters, digits, <c>._-|@</c>.</summary>
    private static int Nick(ReadOnlySpan<char> text)
    {
        var n = 0;
        while (n < text.Length && n < 40 && (char.IsLetterOrDigit(text[n]) || text[n] is '.' or '_' or '-' or '|' or '@' or '^' or '`'))
        {
            n++;
        }

        return n;
    }

    /// <summary>"12:03", "12:03:44", "2019-03-26", "2019-03-26T10:00:01.123Z", "10:02 AM" (the AM as the next token is not part of it).</summary>
    private static bool IsTimestamp(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length < 4 || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        var colons = 0;
        var dashes = 0;
        foreach (var c in text)
        {
            if (c == ':')
            {
                colons++;
            }
            else if (c == '-' || c == '/')
            {
                dashes++;
            }
            else if (!char.IsAsciiDigit(c) && c is not ('T' or 'Z' or '.' or ',' or '+' or ' ' or 'A' or 'P' or 'M'))
            {
                return false;
            }
        }

        return colons > 0 || dashes == 2;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }
}
