using System.Buffers;

namespace Fireside.Language;

internal enum TokenKind : byte
{
    Word,

    /// <summary>A comma, semicolon, colon, bracket or dash: the end of a clause.</summary>
    Clause,

    /// <summary>The end of a sentence or block; rules never look past one.</summary>
    Stop,
}

/// <param name="Quoted">Someone else's words: a block quote, quoted speech, or a pasted chat or log line.</param>
/// <param name="Heading">Part of a Markdown heading, or of a template label such as "Root cause:" at the start of a line.</param>
internal readonly record struct Token(int Start, int Length, TokenKind Kind, bool Quoted, bool Heading = false)
{
    public int End => Start + Length;
}

/// <summary>A stretch of text where some categories were turned off with an HTML comment.</summary>
internal readonly record struct DisabledRange(int Start, int End, int CategoryMask);

/// <summary>
/// Splits text into words and boundaries in one pass, skipping what is never prose (code blocks,
/// inline code, link targets, URLs, HTML comments) and marking what is quoted (block quotes and
/// "quoted speech"). Hands each run of whole sentences to <paramref name="onSentences"/>.
/// </summary>
/// <remarks>
/// The loops here are left to tiered compilation with profile-guided optimisation: once settled they
/// run about 10% faster than when forced to full optimisation from the start (see docs/performance.md).
/// </remarks>
internal sealed class Scanner(string text, bool markdown, Action<List<Token>> onSentences)
{
    private const int AllCategories = (1 << 5) - 1;
    private const int FlushAfter = 2048;

    /// <summary>
    /// The longest run of words read as one sentence. Rules look around a word only within its sentence,
    /// so capping it keeps the coach's time linear in the text, even for a megabyte without a full stop.
    /// Real sentences are far shorter; a longer run is a list, a table or pasted data, cut into pieces.
    /// </summary>
    internal const int MaxSentenceWords = 160;

    // Sized to the text: short texts (a timeline entry) are checked thousands of times per page.
    private readonly List<Token> _tokens = new(Math.Min(FlushAfter + 256, (text.Length / 4) + 8));
    private readonly List<DisabledRange> _disabled = [];
    private readonly int[] _disabledSince = [-1, -1, -1, -1, -1];
    private int _nextLineMask;
    private int _nextLineStart = -1;
    private bool _quoted;
    private int _headingEnd = -1;

    // Markdown's lazy continuation: a line right after a block quote line, with no ">" of its own, still
    // belongs to the quote. And after a chat speaker line ("liggitt [6:27 AM]"), the lines up to the next
    // blank one are that person's messages.
    private bool _inQuote;
    private bool _inChat;
    private int _wordsInSentence;

    // Searches that found nothing up to the end of the line, remembered so that a line full of
    // unmatched backticks or "<" costs one pass rather than one pass per mark.
    private int _searchedLineEnd = -1;
    private int _noAngleCloseFrom = int.MaxValue;
    private readonly Dictionary<int, int> _noCodeCloseFrom = [];

    public List<int> LineStarts { get; } = [0];

    public IReadOnlyList<DisabledRange> Disabled => _disabled;


    public void Run()
    {
        var length = text.Length;
        var pos = 0;
        var inFence = false;
        var fenceChar = '`';
        var fenceLength = 0;
        var previousBlank = true;
        var previousCode = false;
        var inComment = false;

        while (pos < length)
        {
            var newline = text.IndexOf('\n', pos);
            var lineEnd = newline < 0 ? length : newline;
            var contentEnd = lineEnd > pos && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (_nextLineStart == -2)
            {
                _nextLineStart = pos;
            }
            else if (_nextLineStart >= 0 && _nextLineMask != 0)
            {
                _disabled.Add(new DisabledRange(_nextLineStart, pos, _nextLineMask));
                _nextLineMask = 0;
                _nextLineStart = -1;
            }

            ScanLine(pos, contentEnd, ref inFence, ref fenceChar, ref fenceLength, ref previousBlank, ref previousCode, ref inComment);

            if (newline < 0)
            {
                break;
            }

            pos = newline + 1;
            LineStarts.Add(pos);
        }

        AddBoundary(length, TokenKind.Stop);
        Flush();
        for (var c = 0; c < _disabledSince.Length; c++)
        {
            if (_disabledSince[c] >= 0)
            {
                _disabled.Add(new DisabledRange(_disabledSince[c], length, 1 << c));
            }
        }

        if (_nextLineMask != 0 && _nextLineStart >= 0)
        {
            _disabled.Add(new DisabledRange(_nextLineStart, length, _nextLineMask));
        }
    }

    
    private void ScanLine(int start, int end, ref bool inFence, ref char fenceChar, ref int fenceLength, ref bool previousBlank, ref bool previousCode, ref bool inComment)
    {
        var indent = 0;
        var i = start;
        while (i < end && (text[i] == ' ' || text[i] == '\t'))
        {
            indent += text[i] == '\t' ? 4 : 1;
            i++;
        }

        var blank = i == end;
        if (markdown)
        {
            if (inFence)
            {
                if (indent <= 3 && CountRun(i, end, fenceChar) >= fenceLength)
                {
                    inFence = false;
                }

                previousBlank = false;
                return;
            }

            if (!inComment && indent <= 3 && i < end && (text[i] == '`' || text[i] == '~') && CountRun(i, end, text[i]) >= 3)
            {
                inFence = true;
                fenceChar = text[i];
                fenceLength = CountRun(i, end, fenceChar);
                AddBoundary(start, TokenKind.Stop);
                previousBlank = false;
                return;
            }

            if (!inComment && !blank && indent >= 4 && (previousBlank || previousCode))
            {
                previousCode = true;
                previousBlank = false;
                AddBoundary(start, TokenKind.Stop);
                return;
            }

            if (!inComment && indent <= 3 && IsLinkDefinition(i, end))
            {
                // "[Five Whys]: https://…" defines a link target: markup, not prose.
                AddBoundary(start, TokenKind.Stop);
                previousBlank = false;
                return;
            }
        }

        previousCode = false;
        if (blank)
        {
            AddBoundary(start, TokenKind.Stop);
            previousBlank = true;
            _quoted = false;
            _inQuote = false;
            _inChat = false;
            return;
        }

        previousBlank = false;
        var blockQuote = false;
        if (markdown && !inComment)
        {
            // Block quotes (possibly nested) are what someone else wrote: lower severity.
            while (i < end && text[i] == '>')
            {
                blockQuote = true;
                i++;
                while (i < end && text[i] == ' ')
                {
                    i++;
                }
            }

            var startsBlock = StartsBlock(i, end);
            if (startsBlock)
            {
                AddBoundary(i, TokenKind.Stop);
            }

            if (blockQuote)
            {
                _inQuote = true;
            }
            else if (_inQuote && !startsBlock)
            {
                blockQuote = true;
            }
            else
            {
                _inQuote = false;
            }
        }

        if (PastedLine.IsSpeaker(text.AsSpan(i, end - i)))
        {
            _inChat = true;
            AddBoundary(i, TokenKind.Stop);
            blockQuote = true;
        }
        else if (_inChat)
        {
            blockQuote = true;
            AddBoundary(i, TokenKind.Stop);
        }

        // A chat log, terminal or log line pasted in: data, read like a quote.
        if (!blockQuote && !inComment && PastedLine.Looks(AfterListMarker(i, end)))
        {
            blockQuote = true;
            AddBoundary(i, TokenKind.Stop);
        }

        // A heading, or a template's label ("Root cause:"): only the label is heading, not the text after it.
        var markdownHeading = markdown && i < end && text[i] == '#';
        var labelEnd = markdownHeading ? -1 : LabelEnd(i, end);
        _headingEnd = markdownHeading ? end : labelEnd;
        TokenizeInline(i, end, blockQuote, ref inComment);
        _headingEnd = -1;
        if (markdownHeading || labelEnd == end)
        {
            AddBoundary(end, TokenKind.Stop);
        }
        else if (labelEnd > 0)
        {
            // The label stands apart from what it introduces.
            InsertStopAfterLabel(labelEnd);
        }
    }

    /// <summary>
    /// A template's label: a line of at most four words ending in a colon ("Root cause:"), alone or
    /// before the text it introduces, possibly in bold ("**Root cause:**"). A line that is all bold
    /// ("**Root Cause**") is a heading too.
    /// </summary>
    private int LabelEnd(int i, int end)
    {
        // Most lines are prose with no colon or bold near the start: one vectorised look rules them out.
        var head = text.AsSpan(i, Math.Min(end - i, 52));
        if (head.IndexOfAny(':', '*', '_') < 0)
        {
            return -1;
        }

        var full = text.AsSpan(i, end - i);
        var line = full.TrimStart("-*+ ").TrimStart();
        var bold = line.StartsWith("**", StringComparison.Ordinal) || line.StartsWith("__", StringComparison.Ordinal);
        line = line.TrimStart("*_");
        var limit = Math.Min(line.Length, 48);
        var words = 1;
        for (var k = 0; k < limit; k++)
        {
            var c = line[k];
            if (c == ':')
            {
                return k > 0 && words <= 4 ? end - line.Length + k + 1 : -1;
            }

            if (c == '*' || c == '_')
            {
                // "**Root Cause**" alone on its line.
                return bold && words <= 4 && line[k..].Trim().TrimStart("*_:").IsEmpty ? end : -1;
            }

            if (c == ' ')
            {
                words++;
            }
            else if (!char.IsLetter(c) && c != '-' && c != '\'' && c != '’')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Ends the label's "sentence" at its colon, so rules do not read the label and its text as one.</summary>
    private void InsertStopAfterLabel(int labelEnd)
    {
        for (var k = _tokens.Count - 1; k >= 0; k--)
        {
            if (_tokens[k].Start < labelEnd)
            {
                if (k + 1 < _tokens.Count && _tokens[k + 1].Kind == TokenKind.Clause)
                {
                    _tokens[k + 1] = _tokens[k + 1] with { Kind = TokenKind.Stop };
                }

                return;
            }

            if (_tokens[k].Kind == TokenKind.Stop)
            {
                return;
            }
        }
    }

    private ReadOnlySpan<char> AfterListMarker(int i, int end)
    {
        if (i + 1 < end && text[i] is '-' or '*' or '+' && text[i + 1] == ' ')
        {
            i += 2;
        }

        return text.AsSpan(i, end - i);
    }

    private bool StartsBlock(int i, int end)
    {
        if (i >= end)
        {
            return false;
        }

        var c = text[i];
        if (c == '#' || c == '|')
        {
            return true;
        }

        if ((c == '-' || c == '*' || c == '+') && i + 1 < end && text[i + 1] == ' ')
        {
            return true;
        }

        var j = i;
        while (j < end && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j > i && j + 1 < end && (text[j] == '.' || text[j] == ')') && text[j + 1] == ' ';
    }

    /// <summary>A Markdown link reference definition: "[label]: destination" alone on its line.</summary>
    private bool IsLinkDefinition(int i, int end)
    {
        if (i >= end || text[i] != '[')
        {
            return false;
        }

        var close = text.IndexOf("]:", i, Math.Min(end - i, 1000), StringComparison.Ordinal);
        if (close < 0 || text.AsSpan(i + 1, close - i - 1).ContainsAny('[', ']'))
        {
            return false;
        }

        // A destination with no spaces, then nothing or a title in quotes or brackets.
        var rest = text.AsSpan(close + 2, end - close - 2).Trim();
        var space = rest.IndexOfAny(' ', '\t');
        if (rest.IsEmpty || space == 0)
        {
            return false;
        }

        var title = space < 0 ? [] : rest[space..].TrimStart();
        return title.IsEmpty || title[0] is '"' or '\'' or '(';
    }

    private int CountRun(int i, int end, char c)
    {
        var n = 0;
        while (i + n < end && text[i + n] == c)
        {
            n++;
        }

        return n;
    }

    
    private void TokenizeInline(int i, int end, bool blockQuote, ref bool inComment)
    {
        while (i < end)
        {
            if (inComment)
            {
                var close = text.IndexOf("-->", i, end - i, StringComparison.Ordinal);
                if (close < 0)
                {
                    return;
                }

                inComment = false;
                i = close + 3;
                continue;
            }

            var c = text[i];
            if (IsLetterOrDigit(c))
            {
                i = ReadWord(i, end, blockQuote);
                continue;
            }

            // Most of what lies between words is a single space.
            if (c == ' ')
            {
                i++;
                continue;
            }

            switch (c)
            {
                case '.' or '!' or '?':
                    AddBoundary(i, TokenKind.Stop);
                    i++;
                    continue;
                case ',' or ';' or ':' or '(' or ')' or '[' or ']' or '—' or '–' or '…':
                    AddBoundary(i, TokenKind.Clause);
                    i++;
                    continue;
                case '"':
                    _quoted = !_quoted;
                    AddBoundary(i, TokenKind.Clause);
                    i++;
                    continue;
                case '“':
                    _quoted = true;
                    AddBoundary(i, TokenKind.Clause);
                    i++;
                    continue;
                case '”':
                    _quoted = false;
                    AddBoundary(i, TokenKind.Clause);
                    i++;
                    continue;
                case '`' when markdown:
                    i = SkipInlineCode(i, end);
                    continue;
                case '<' when markdown:
                    i = SkipAngle(i, end, ref inComment);
                    continue;
                default:
                    i++;
                    continue;
            }
        }
    }

    
    private int ReadWord(int i, int end, bool blockQuote)
    {
        var start = i;
        // A bare URL is an address, not prose.
        if ((c(i) == 'h' || c(i) == 'H') && (Follows(i, end, "http://") || Follows(i, end, "https://")))
        {
            while (i < end && !char.IsWhiteSpace(text[i]) && text[i] != ')' && text[i] != '>')
            {
                i++;
            }

            AddBoundary(start, TokenKind.Clause);
            return i;
        }

        var line = text.AsSpan(0, end);
        i++;
        while (i < line.Length)
        {
            // Skip the ASCII letters and digits in one vectorised search, then look at what stopped it.
            var run = line[i..].IndexOfAnyExcept(AsciiWordChars);
            if (run < 0)
            {
                i = line.Length;
                break;
            }

            i += run;
            var ch = line[i];
            if (IsLetterOrDigit(ch))
            {
                i++;
            }
            else if ((ch == '\'' || ch == '’' || ch == '-' || ch == '.' || ch == '/') && i + 1 < line.Length && IsLetterOrDigit(line[i + 1])
                && (ch != '.' || (char.IsAsciiDigit(line[i - 1]) && char.IsAsciiDigit(line[i + 1]))))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        if (_wordsInSentence >= MaxSentenceWords)
        {
            AddBoundary(start, TokenKind.Stop);
        }

        _wordsInSentence++;
        _tokens.Add(new Token(start, i - start, TokenKind.Word, blockQuote || _quoted, start < _headingEnd));
        return i;

        char c(int k) => text[k];
    }

    private static readonly SearchValues<char> AsciiWordChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <summary>A letter or digit in any script, with the common ASCII case answered by two range checks.</summary>
    private static bool IsLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c) || (c >= 128 && char.IsLetterOrDigit(c));

    private bool Follows(int i, int end, string s) =>
        end - i >= s.Length && string.Compare(text, i, s, 0, s.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private void ForgetSearchesUnlessLine(int end)
    {
        if (_searchedLineEnd != end)
        {
            _searchedLineEnd = end;
            _noAngleCloseFrom = int.MaxValue;
            _noCodeCloseFrom.Clear();
        }
    }

    private int SkipInlineCode(int i, int end)
    {
        ForgetSearchesUnlessLine(end);
        var ticks = CountRun(i, end, '`');
        var search = i + ticks;
        if (_noCodeCloseFrom.TryGetValue(ticks, out var from) && search >= from)
        {
            return search;
        }

        while (search < end)
        {
            var next = text.IndexOf('`', search, end - search);
            if (next < 0)
            {
                break;
            }

            var run = CountRun(next, end, '`');
            if (run == ticks)
            {
                AddBoundary(i, TokenKind.Clause);
                return next + run;
            }

            search = next + run;
        }

        _noCodeCloseFrom[ticks] = i + ticks;
        return i + ticks;
    }

    private int SkipAngle(int i, int end, ref bool inComment)
    {
        if (Follows(i, end, "<!--"))
        {
            var close = text.IndexOf("-->", i + 4, end - i - 4, StringComparison.Ordinal);
            var bodyEnd = close < 0 ? end : close;
            Directive(text.AsSpan(i + 4, bodyEnd - i - 4).Trim(), close < 0 ? end : close + 3);
            if (close < 0)
            {
                inComment = true;
                return end;
            }

            return close + 3;
        }

        // Autolinks and HTML tags are markup, not prose.
        ForgetSearchesUnlessLine(end);
        if (i >= _noAngleCloseFrom)
        {
            return i + 1;
        }

        var gt = text.IndexOf('>', i, end - i);
        if (gt < 0)
        {
            _noAngleCloseFrom = i;
        }

        if (gt > i + 1 && (char.IsLetter(text[i + 1]) || text[i + 1] == '/'))
        {
            AddBoundary(i, TokenKind.Clause);
            return gt + 1;
        }

        return i + 1;
    }

    private void Directive(ReadOnlySpan<char> body, int after)
    {
        const string disableNext = "fireside-disable-next-line";
        const string disable = "fireside-disable";
        const string enable = "fireside-enable";
        if (body.StartsWith(disableNext, StringComparison.OrdinalIgnoreCase))
        {
            _nextLineMask |= Mask(body[disableNext.Length..]);
            _nextLineStart = -2;
        }
        else if (body.StartsWith(disable, StringComparison.OrdinalIgnoreCase))
        {
            var mask = Mask(body[disable.Length..]);
            for (var c = 0; c < 5; c++)
            {
                if ((mask & (1 << c)) != 0 && _disabledSince[c] < 0)
                {
                    _disabledSince[c] = after;
                }
            }
        }
        else if (body.StartsWith(enable, StringComparison.OrdinalIgnoreCase))
        {
            var mask = Mask(body[enable.Length..]);
            for (var c = 0; c < 5; c++)
            {
                if ((mask & (1 << c)) != 0 && _disabledSince[c] >= 0)
                {
                    _disabled.Add(new DisabledRange(_disabledSince[c], after, 1 << c));
                    _disabledSince[c] = -1;
                }
            }
        }
    }

    /// <summary>Categories named after a directive (comma or space separated); none named means all.</summary>
    private static int Mask(ReadOnlySpan<char> names)
    {
        var mask = 0;
        foreach (var range in names.SplitAny(", "))
        {
            var name = names[range].Trim();
            if (name.Length > 0 && CategoryNames.TryParse(name.ToString(), out var category))
            {
                mask |= 1 << (int)category;
            }
        }

        return mask == 0 ? AllCategories : mask;
    }

    private void AddBoundary(int at, TokenKind kind)
    {
        if (kind == TokenKind.Stop)
        {
            _wordsInSentence = 0;
        }

        if (_tokens.Count > 0 && _tokens[^1].Kind != TokenKind.Word && (_tokens[^1].Kind == TokenKind.Stop || kind == TokenKind.Clause))
        {
            return;
        }

        _tokens.Add(new Token(at, 0, kind, false));
        if (kind == TokenKind.Stop && _tokens.Count >= FlushAfter)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_tokens.Count > 0)
        {
            onSentences(_tokens);
            _tokens.Clear();
        }
    }
}
