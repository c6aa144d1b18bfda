using System.Collections.Frozen;
using System.Runtime.InteropServices;

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
    private static readonly FrozenDictionary<string, Rules.Rule[]>.AlternateLookup<ReadOnlySpan<char>> TriggerLookup =
        FrozenDictionary.ToFrozenDictionary(Rules.Triggers, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// For each pair of ASCII first two letters (case folded), a bit per trigger word length: most words are
    /// ruled out without hashing. A word with a non-ASCII letter among its first two is always looked up.
    /// </summary>
    private static readonly ulong[] TriggerLengths = BuildTriggerLengths();

    public CoachOptions Options => _options;

    private static ulong[] BuildTriggerLengths()
    {
        var table = new ulong[32 * 32];
        foreach (var word in Rules.Triggers.Keys)
        {
            if (word.Length < 64 && word[0] < 128 && (word.Length == 1 || word[1] < 128))
            {
                table[LengthsSlot(word)] |= 1UL << word.Length;
            }
        }

        return table;
    }

    /// <summary>False only for a word that is surely not a trigger (of at most 24 characters); cheap enough to ask of every word.</summary>
    internal static bool MayTrigger(ReadOnlySpan<char> word) =>
        word[0] >= 128 || (word.Length > 1 && word[1] >= 128) || (TriggerLengths[LengthsSlot(word)] & (1UL << word.Length)) != 0;

    /// <summary>The first two characters with case folded away (ASCII letters share their low five bits); false positives only cost a lookup.</summary>
    private static int LengthsSlot(ReadOnlySpan<char> word) => ((word[0] & 0x1F) << 5) | (word.Length == 1 ? 0 : word[1] & 0x1F);

    public IReadOnlyList<Finding> Check(string text, TextKind kind = TextKind.Markdown)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = new List<(Category Category, string Rule, int Start, int End, bool Soft, CustomPhrase? Phrase)>();
        RuleContext? current = null;
        current = new RuleContext(text, (category, rule, first, last, soft) =>
        {
            var tokens = current!.Tokens;
            raw.Add((category, rule, tokens[first].Start, tokens[last].End, soft || tokens[first].Quoted || tokens[last].Quoted, null));
        });

        var silenced = new SilencedStretches();
        var scanner = new Scanner(text, kind == TextKind.Markdown, tokens =>
        {
            current.Tokens = tokens;
            RunRules(current, tokens);
            MatchPhrases(current, tokens, raw);
            foreach (var silence in _options.Silenced)
            {
                foreach (var (first, last) in Occurrences(current, tokens, silence.Words))
                {
                    silenced.Add(tokens[first].Start, tokens[last].End, silence.Category);
                }
            }
        });
        scanner.Run();

        if (raw.Count == 0)
        {
            return [];
        }

        var disabled = new DisabledStretches(scanner.Disabled);
        var findings = new List<Finding>(raw.Count);
        var seen = new HashSet<(Category, int, int)>();
        var templateHeadingSeen = false;
        foreach (var (category, rule, start, end, soft, phrase) in raw.OrderBy(r => r.Start).ThenBy(r => r.Category))
        {
            if (_options.DisabledCategories.Contains(category) || _options.DisabledRules.Contains(rule) || disabled.Contains(category, start)
                || !seen.Add((category, start, end)) || silenced.Covers(category, start, end))
            {
                continue;
            }

            // A template's "Root cause" heading is one remark about the template, not one per review section.
            if (rule == Rules.TemplateHeading)
            {
                if (templateHeadingSeen)
                {
                    continue;
                }

                templateHeadingSeen = true;
            }

            var (message, suggestion) = Advice.For(rule);
            if (phrase is not null)
            {
                message = phrase.Message ?? message;
                suggestion = phrase.Suggestion ?? suggestion;
            }

            var severity = soft ? Severity.Info : phrase?.Severity ?? _options.Severities[category];
            var (line, column) = Position(scanner.LineStarts, start);
            var (endLine, endColumn) = Position(scanner.LineStarts, end);
            findings.Add(new Finding(category, rule, severity, line, column, endLine, endColumn, start, end, text[start..end], message, suggestion));
        }

        return findings;
    }

    
    private void RunRules(RuleContext context, List<Token> tokens)
    {
        Span<char> buffer = stackalloc char[24];
        var text = context.Text.AsSpan();
        var all = CollectionsMarshal.AsSpan(tokens);
        for (var i = 0; i < all.Length; i++)
        {
            var token = all[i];
            if (token.Kind != TokenKind.Word || token.Length > 24)
            {
                continue;
            }

            var word = text.Slice(token.Start, token.Length);
            if (!MayTrigger(word))
            {
                continue;
            }

            Rules.Rule[]? rules;
            if (word.Contains('’'))
            {
                var normalised = buffer[..word.Length];
                word.CopyTo(normalised);
                normalised.Replace('’', '\'');
                TriggerLookup.TryGetValue(normalised, out rules);
            }
            else
            {
                TriggerLookup.TryGetValue(word, out rules);
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
        foreach (var phrase in _options.Phrases)
        {
            foreach (var (first, last) in Occurrences(context, tokens, phrase.Words))
            {
                raw.Add((phrase.Category, "custom", tokens[first].Start, tokens[last].End, tokens[first].Quoted, phrase));
            }
        }
    }

    /// <summary>Where the words of a phrase follow one another in a sentence, ignoring case and the kind of apostrophe.</summary>
    private static IEnumerable<(int First, int Last)> Occurrences(RuleContext context, List<Token> tokens, string[] words)
    {
        for (var i = 0; i + words.Length <= tokens.Count; i++)
        {
            var match = true;
            for (var w = 0; w < words.Length && match; w++)
            {
                match = tokens[i + w].Kind == TokenKind.Word && RuleContext.Same(context.Text.AsSpan(tokens[i + w].Start, tokens[i + w].Length), words[w]);
            }

            if (match)
            {
                yield return (i, i + words.Length - 1);
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

    /// <summary>Where the organisation's silenced phrases occur; a finding that overlaps one (of its category, if it names one) is left out.</summary>
    private sealed class SilencedStretches
    {
        private readonly List<(int Start, int End, Category? Category)> _stretches = [];
        private int _longest;

        public void Add(int start, int end, Category? category)
        {
            _stretches.Add((start, end, category));
            _longest = Math.Max(_longest, end - start);
        }

        public bool Covers(Category category, int start, int end)
        {
            if (_stretches.Count == 0)
            {
                return false;
            }

            // Stretches arrive in text order; only those starting in [start - longest, end) can overlap.
            int low = 0, high = _stretches.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (_stretches[mid].Start < start - _longest)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            for (var k = low; k < _stretches.Count && _stretches[k].Start < end; k++)
            {
                var s = _stretches[k];
                if (s.End > start && (s.Category is null || s.Category == category))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
