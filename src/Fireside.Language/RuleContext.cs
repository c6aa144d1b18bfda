using System.Runtime.InteropServices;

namespace Fireside.Language;

/// <summary>A run of tokens (whole sentences) and the helpers rules use to read it.</summary>
internal sealed class RuleContext(string text, Action<Category, string, int, int, bool> emit)
{
    public string Text { get; } = text;

    private List<Token> _tokens = [];

    // Worked out per run when first asked; the arrays are kept from run to run so a long text does not
    // allocate them again for every sentence.
    private int[] _sentenceStarts = [];
    private int[] _sentenceEnds = [];
    private int[] _clauseStarts = [];
    private bool _boundsReady;
    // Which sentences of a table are filled is kept as the run's number, so a reused table needs no clearing.
    private readonly Dictionary<HashSet<string>, (int[] Seen, int[] FilledIn)> _lastSeen = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<(int[] Seen, int[] FilledIn)> _spareTables = new();
    private int _run = 1;

    /// <summary>
    /// The tokens of the current run of sentences. Where a sentence starts and ends, and where words of a
    /// set were last seen, are worked out once per run when a rule first asks, so no rule walks a sentence
    /// word by word: the coach's time stays linear however densely the rules are triggered.
    /// </summary>
    public List<Token> Tokens
    {
        get => _tokens;
        set
        {
            _tokens = value;
            _run++;
            _boundsReady = false;
            foreach (var table in _lastSeen.Values)
            {
                _spareTables.Push(table);
            }

            _lastSeen.Clear();
        }
    }

    public int Count => Tokens.Count;

    public bool IsWord(int i) => i >= 0 && i < Tokens.Count && Tokens[i].Kind == TokenKind.Word;

    public ReadOnlySpan<char> Span(int i) => Text.AsSpan(Tokens[i].Start, Tokens[i].Length);

    public bool Is(int i, string word) => IsWord(i) && Same(Span(i), word);

    public bool IsAny(int i, params ReadOnlySpan<string> words)
    {
        if (!IsWord(i))
        {
            return false;
        }

        var span = Span(i);
        foreach (var word in words)
        {
            if (Same(span, word))
            {
                return true;
            }
        }

        return false;
    }

    public bool In(int i, HashSet<string> set)
    {
        if (!IsWord(i))
        {
            return false;
        }

        var span = Span(i);
        if (span.Length > 64)
        {
            return false;
        }

        if (!span.Contains('’'))
        {
            return set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(span);
        }

        Span<char> buffer = stackalloc char[span.Length];
        span.CopyTo(buffer);
        buffer.Replace('’', '\'');
        return set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(buffer);
    }

    /// <summary>The word right after <paramref name="i"/>, or -1 at a boundary.</summary>
    public int Next(int i) => IsWord(i + 1) ? i + 1 : -1;

    public int Prev(int i) => IsWord(i - 1) ? i - 1 : -1;

    /// <summary>Skips words of <paramref name="skip"/> going forwards (at most <paramref name="max"/>).</summary>
    public int NextSkipping(int i, HashSet<string> skip, int max = 2)
    {
        var j = Next(i);
        for (var n = 0; n < max && j >= 0 && In(j, skip); n++)
        {
            j = Next(j);
        }

        return j;
    }

    public bool EndsWith(int i, string suffix) => IsWord(i) && Normalised(Span(i)).EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

    public bool IsCapitalised(int i) => IsWord(i) && char.IsUpper(Text[Tokens[i].Start]);

    /// <summary>The first token of the sentence that holds <paramref name="i"/>.</summary>
    public int SentenceStart(int i)
    {
        if (!_boundsReady)
        {
            ComputeBounds();
        }

        return _sentenceStarts[i];
    }

    /// <summary>The last token of the sentence that holds <paramref name="i"/> (for a stop, the token before it).</summary>
    public int SentenceEnd(int i)
    {
        if (!_boundsReady)
        {
            ComputeBounds();
        }

        return _sentenceEnds[i];
    }

    public int ClauseStart(int i)
    {
        if (!_boundsReady)
        {
            ComputeBounds();
        }

        return _clauseStarts[i];
    }

    /// <summary>Whether a word of <paramref name="words"/> comes before <paramref name="i"/> in its sentence.</summary>
    public bool SentenceHasBefore(int i, HashSet<string> words) => i > 0 && Tokens[i - 1].Kind != TokenKind.Stop && LastSeen(words, i - 1)[i - 1] >= 0;

    /// <summary>Whether a word of <paramref name="words"/> is anywhere in the sentence of <paramref name="i"/>.</summary>
    public bool SentenceHas(int i, HashSet<string> words) => LastSeen(words, SentenceEnd(i))[SentenceEnd(i)] >= 0;

    /// <summary>The last word of <paramref name="words"/> at or before <paramref name="i"/> in its sentence, or -1.</summary>
    public int LastBefore(int i, HashSet<string> words) => i < 0 || Tokens[i].Kind == TokenKind.Stop ? -1 : LastSeen(words, i)[i];

    /// <summary>
    /// For each token, the last word of <paramref name="words"/> at or before it in its sentence (or -1),
    /// filled one sentence at a time as rules ask, so only sentences with a trigger in them are read.
    /// </summary>
    private int[] LastSeen(HashSet<string> words, int at)
    {
        if (!_lastSeen.TryGetValue(words, out var entry))
        {
            entry = _spareTables.Count > 0 ? _spareTables.Pop() : ([], []);
            if (entry.Seen.Length < Tokens.Count)
            {
                var size = Math.Max(Tokens.Count, entry.Seen.Length * 2);
                entry = (new int[size], new int[size]);
            }

            _lastSeen[words] = entry;
        }

        var start = SentenceStart(at);
        if (entry.FilledIn[start] != _run)
        {
            entry.FilledIn[start] = _run;
            var last = -1;
            for (int k = start, end = Math.Max(SentenceEnd(start), start); k <= end && k < Tokens.Count; k++)
            {
                if (Tokens[k].Kind == TokenKind.Stop)
                {
                    last = -1;
                }
                else if (In(k, words))
                {
                    last = k;
                }

                entry.Seen[k] = last;
            }
        }

        return entry.Seen;
    }

    private static int[] Sized(int[] buffer, int count) => buffer.Length >= count ? buffer : new int[Math.Max(count, buffer.Length * 2)];

    /// <summary>Where each token's sentence starts and ends and where its clause starts, in one pass over the run.</summary>
    private void ComputeBounds()
    {
        var tokens = CollectionsMarshal.AsSpan(_tokens);
        var starts = _sentenceStarts = Sized(_sentenceStarts, tokens.Length);
        var ends = _sentenceEnds = Sized(_sentenceEnds, tokens.Length);
        var clauses = _clauseStarts = Sized(_clauseStarts, tokens.Length);
        var sentence = 0;
        var clause = 0;
        // A stop starts counting as part of the sentence before it, but ends with the one after it.
        var endFrom = 0;
        for (var k = 0; k < tokens.Length; k++)
        {
            if (k > 0 && tokens[k - 1].Kind != TokenKind.Word)
            {
                clause = k;
            }

            starts[k] = sentence;
            clauses[k] = clause;
            if (tokens[k].Kind == TokenKind.Stop)
            {
                ends.AsSpan(endFrom, k - endFrom).Fill(k - 1);
                endFrom = k;
                sentence = k + 1;
            }
        }

        ends.AsSpan(endFrom, tokens.Length - endFrom).Fill(tokens.Length - 1);

        _boundsReady = true;
    }

    /// <summary>
    /// Whether the one who acted (the word before <paramref name="verb"/>, past helpers and adverbs)
    /// is a person, a team or a role, rather than a system or a thing.
    /// </summary>
    public bool HasPersonSubject(int verb) => IsPerson(SubjectOf(verb));

    /// <summary>The word before <paramref name="verb"/> once past helpers and adverbs are skipped (-1 if none).</summary>
    public int SubjectOf(int verb)
    {
        var j = verb - 1;
        for (var hops = 0; hops < 6 && IsWord(j); hops++, j--)
        {
            if (In(j, Words.Adverbs) || IsAny(j, "had", "has", "have", "did", "didn't", "does", "doesn't", "was", "were", "is", "are", "then", "to", "completely", "initially", "later", "first", "both", "himself", "herself", "themselves", "ourselves")
                || EndsWith(j, "ly") || EndsWith(j, "n't"))
            {
                continue;
            }

            return j;
        }

        return -1;
    }

    public bool IsPerson(int j)
    {
        if (!IsWord(j))
        {
            return false;
        }

        if (In(j, Words.People))
        {
            // "this one could have been alerted on": a thing, not "one" as a person.
            return !(Is(j, "one") && IsAny(j - 1, "this", "that", "the", "which", "each", "every", "any", "no", "a", "another", "first", "last", "other"));
        }

        if (Is(j, "call") && Is(j - 1, "on"))
        {
            return true;
        }

        var span = Span(j);
        if (EndsWith(j, "'s") || EndsWith(j, "s'"))
        {
            span = span[..^2];
        }

        return LooksLikeName(span) && !In(j, Words.NotNames);
    }

    /// <summary>"Kim", "Priya", "O'Neil": capitalised, then lower-case letters.</summary>
    private static bool LooksLikeName(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || !char.IsUpper(word[0]))
        {
            return false;
        }

        foreach (var c in word[1..])
        {
            if (!char.IsLower(c) && c != '\'' && c != '’' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A finding about wording that judges people or frames a single cause: shown at the category's severity.</summary>
    public void Emit(Category category, string rule, int first, int last) => emit(category, rule, first, last, false);

    /// <summary>A finding worth a second look but often fine: always shown as info.</summary>
    public void Note(Category category, string rule, int first, int last) => emit(category, rule, first, last, true);

    public bool InHeading(int i) => i >= 0 && i < Tokens.Count && Tokens[i].Heading;

    public static bool Same(ReadOnlySpan<char> span, string word)
    {
        if (span.Length != word.Length)
        {
            return false;
        }

        for (var k = 0; k < span.Length; k++)
        {
            var a = span[k] == '’' ? '\'' : span[k];
            if (a != word[k] && char.ToLowerInvariant(a) != word[k])
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalised(ReadOnlySpan<char> span) => span.ToString().Replace('’', '\'');
}
