namespace Fireside.Language;

/// <summary>What kind of text is being checked.</summary>
public enum TextKind
{
    /// <summary>Markdown: code is skipped; block quotes and quoted speech are reported as info.</summary>
    Markdown,

    /// <summary>Plain text: only quoted speech is treated specially.</summary>
    Plain,
}

/// <summary>
/// The language coach: reads what people write about an incident and points out wording that works
/// against learning (counterfactuals, root-cause talk, blame, hindsight, minimizing), with a reason
/// and a better question. Pure and deterministic; safe to share between threads.
/// </summary>
public sealed class LanguageCoach(CoachOptions? options = null)
{
    private readonly CoachOptions _options = options ?? CoachOptions.Default;
    private readonly Dictionary<string, Rules.Rule[]>.AlternateLookup<ReadOnlySpan<char>> _triggers =
        Rules.Triggers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>For each ASCII first letter, a bit per trigger word length: most words are ruled out without hashing.</summary>
    private static readonly ulong[] TriggerLengths = BuildTriggerLengths();

    public CoachOptions Options => _options;

    private static ulong[] BuildTriggerLengths()
    {
        var table = new ulong[128];
        foreach (var word in Rules.Triggers.Keys)
        {
            var first = char.ToLowerInvariant(word[0]);
            if (first < 128 && word.Length < 64)
            {
                table[first] |= 1UL << word.Length;
                table[char.ToUpperInvariant(first)] |= 1UL << word.Length;
            }
        }

        return table;
    }

    public IReadOnlyList<Finding> Check(string text, TextKind kind = TextKind.Markdown)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = new List<(Category Category, string Rule, int Start, int End, bool Quoted, CustomPhrase? Phrase)>();
        RuleContext? current = null;
        current = new RuleContext(text, (category, rule, first, last) =>
        {
            var tokens = current!.Tokens;
            raw.Add((category, rule, tokens[first].Start, tokens[last].End, tokens[first].Quoted || tokens[last].Quoted, null));
        });

        var scanner = new Scanner(text, kind == TextKind.Markdown, tokens =>
        {
            current.Tokens = tokens;
            RunRules(current, tokens);
            MatchPhrases(current, tokens, raw);
        });
        scanner.Run();

        if (raw.Count == 0)
        {
            return [];
        }

        var disabled = new DisabledStretches(scanner.Disabled);
        var findings = new List<Finding>(raw.Count);
        var seen = new HashSet<(Category, int, int)>();
        foreach (var (category, rule, start, end, quoted, phrase) in raw.OrderBy(r => r.Start).ThenBy(r => r.Category))
        {
            if (_options.DisabledCategories.Contains(category) || _options.DisabledRules.Contains(rule) || disabled.Contains(category, start)
                || !seen.Add((category, start, end)))
            {
                continue;
            }

            var (message, suggestion) = Advice.For(rule);
            if (phrase is not null)
            {
                message = phrase.Message ?? message;
                suggestion = phrase.Suggestion ?? suggestion;
            }

            var severity = quoted ? Severity.Info : phrase?.Severity ?? _options.Severities[category];
            var (line, column) = Position(scanner.LineStarts, start);
            var (endLine, endColumn) = Position(scanner.LineStarts, end);
            findings.Add(new Finding(category, rule, severity, line, column, endLine, endColumn, start, end, text[start..end], message, suggestion));
        }

        return findings;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void RunRules(RuleContext context, List<Token> tokens)
    {
        Span<char> buffer = stackalloc char[24];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Word || token.Length > 24)
            {
                continue;
            }

            var first = context.Text[token.Start];
            if (first < 128 && (TriggerLengths[first] & (1UL << token.Length)) == 0)
            {
                continue;
            }

            var word = context.Text.AsSpan(token.Start, token.Length);
            Rules.Rule[]? rules;
            if (word.Contains('’'))
            {
                var normalised = buffer[..word.Length];
                word.CopyTo(normalised);
                normalised.Replace('’', '\'');
                _triggers.TryGetValue(normalised, out rules);
            }
            else
            {
                _triggers.TryGetValue(word, out rules);
            }

            if (rules is null)
            {
                continue;
            }

            foreach (var rule in rules)
            {
                rule(context, i);
            }
        }
    }

    private void MatchPhrases(RuleContext context, List<Token> tokens, List<(Category, string, int, int, bool, CustomPhrase?)> raw)
    {
        if (_options.Phrases.Count == 0)
        {
            return;
        }

        foreach (var phrase in _options.Phrases)
        {
            var words = phrase.Phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i + words.Length <= tokens.Count; i++)
            {
                var match = true;
                for (var w = 0; w < words.Length && match; w++)
                {
                    match = tokens[i + w].Kind == TokenKind.Word
                        && context.Text.AsSpan(tokens[i + w].Start, tokens[i + w].Length).Equals(words[w], StringComparison.OrdinalIgnoreCase);
                }

                if (match)
                {
                    var last = tokens[i + words.Length - 1];
                    raw.Add((phrase.Category, "custom", tokens[i].Start, last.End, tokens[i].Quoted, phrase));
                }
            }
        }
    }

    private static (int Line, int Column) Position(List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - lineStarts[index] + 1);
    }

    /// <summary>
    /// The stretches where each category is turned off, sorted and merged, so looking up a finding is a
    /// binary search however many directives a document holds.
    /// </summary>
    private sealed class DisabledStretches
    {
        private readonly List<(int Start, int End)>[] _byCategory = new List<(int, int)>[5];

        public DisabledStretches(IReadOnlyList<DisabledRange> ranges)
        {
            for (var c = 0; c < _byCategory.Length; c++)
            {
                var list = ranges.Where(r => (r.CategoryMask & (1 << c)) != 0).Select(r => (r.Start, r.End)).OrderBy(r => r.Start).ToList();
                var merged = new List<(int Start, int End)>(list.Count);
                foreach (var range in list)
                {
                    if (merged.Count > 0 && range.Start <= merged[^1].End)
                    {
                        merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
                    }
                    else
                    {
                        merged.Add(range);
                    }
                }

                _byCategory[c] = merged;
            }
        }

        public bool Contains(Category category, int offset)
        {
            var list = _byCategory[(int)category];
            int low = 0, high = list.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                if (offset < list[mid].Start)
                {
                    high = mid - 1;
                }
                else if (offset >= list[mid].End)
                {
                    low = mid + 1;
                }
                else
                {
                    return true;
                }
            }

            return false;
        }
    }
}
