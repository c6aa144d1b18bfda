namespace Fireside.Language;

/// <summary>A run of tokens (whole sentences) and the helpers rules use to read it.</summary>
internal sealed class RuleContext(string text, Action<Category, string, int, int, bool> emit)
{
    public string Text { get; } = text;

    public List<Token> Tokens { get; set; } = [];

    public int Count => Tokens.Count;

    public bool IsWord(int i) => i >= 0 && i < Tokens.Count && Tokens[i].Kind == TokenKind.Word;

    public ReadOnlySpan<char> Span(int i) => Text.AsSpan(Tokens[i].Start, Tokens[i].Length);

    public bool Is(int i, string word) => IsWord(i) && Same(Span(i), word);

    public bool IsAny(int i, params string[] words)
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
        Span<char> buffer = stackalloc char[Math.Min(span.Length, 64)];
        if (span.Length > 64)
        {
            return false;
        }

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
        while (i > 0 && Tokens[i - 1].Kind != TokenKind.Stop)
        {
            i--;
        }

        return i;
    }

    public int SentenceEnd(int i)
    {
        while (i < Tokens.Count - 1 && Tokens[i + 1].Kind != TokenKind.Stop)
        {
            i++;
        }

        return i;
    }

    public int ClauseStart(int i)
    {
        while (i > 0 && Tokens[i - 1].Kind == TokenKind.Word)
        {
            i--;
        }

        return i;
    }

    public bool SentenceHasBefore(int i, params string[] words)
    {
        for (var j = SentenceStart(i); j < i; j++)
        {
            if (IsAny(j, words))
            {
                return true;
            }
        }

        return false;
    }

    public bool SentenceHas(int i, params string[] words)
    {
        for (int j = SentenceStart(i), end = SentenceEnd(i); j <= end; j++)
        {
            if (IsAny(j, words))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the one who acted (the word before <paramref name="verb"/>, past helpers and adverbs)
    /// is a person, a team or a role, rather than a system or a thing.
    /// </summary>
    public bool HasPersonSubject(int verb)
    {
        var j = verb - 1;
        for (var hops = 0; hops < 6 && IsWord(j); hops++, j--)
        {
            if (In(j, Words.Adverbs) || IsAny(j, "had", "has", "have", "did", "didn't", "does", "doesn't", "was", "were", "is", "are", "then", "to", "completely", "initially", "later", "first", "both", "himself", "herself", "themselves", "ourselves")
                || EndsWith(j, "ly") || EndsWith(j, "n't"))
            {
                continue;
            }

            return IsPerson(j);
        }

        return false;
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
