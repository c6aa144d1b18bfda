using System.Globalization;
using System.Text;

namespace Fireside.Core.Library;

/// <summary>
/// What someone typed into the search box, read the way web search reads it: words that must all match,
/// <c>"exact phrases"</c>, <c>OR</c> between alternatives, and <c>-word</c> to leave something out.
/// Everything else (the engines' own operators, brackets, stars, column names, SQL) is just text: each
/// term keeps only its letters and digits, so nothing typed can reach a search engine as syntax.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 500;
    public const int MaxTerms = 24;

    private SearchQuery(IReadOnlyList<IReadOnlyList<SearchTerm>> required, IReadOnlyList<SearchTerm> excluded)
    {
        Required = required;
        Excluded = excluded;
    }

    /// <summary>Groups that must all match; within a group, any one of its terms (the words joined by OR).</summary>
    public IReadOnlyList<IReadOnlyList<SearchTerm>> Required { get; }

    /// <summary>Terms that must not appear.</summary>
    public IReadOnlyList<SearchTerm> Excluded { get; }

    /// <summary>Every term to look for, for highlighting.</summary>
    public IEnumerable<SearchTerm> Wanted => Required.SelectMany(g => g);

    /// <summary>Reads a query, or throws <see cref="DomainValidationException"/> (field "q") with a message a person can act on.</summary>
    public static SearchQuery Parse(string? text)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw DomainValidationException.For("q", "Type a word or two to look for.");
        }

        if (text.Length > MaxLength)
        {
            throw DomainValidationException.For("q", $"That search is {text.Length:N0} characters long. Please keep it under {MaxLength} and pick the words that matter most.");
        }

        var groups = new List<List<SearchTerm>>();
        var excluded = new List<SearchTerm>();
        var joinNext = false;
        foreach (var (raw, quoted, negated) in Pieces(text))
        {
            if (!quoted && !negated && raw == "OR")
            {
                joinNext = groups.Count > 0;
                continue;
            }

            var words = Words(raw);
            if (words.Count == 0)
            {
                joinNext = false;
                continue;
            }

            var term = new SearchTerm(words, quoted || words.Count > 1);
            if (negated)
            {
                excluded.Add(term);
            }
            else if (joinNext)
            {
                groups[^1].Add(term);
            }
            else
            {
                groups.Add([term]);
            }

            joinNext = false;
        }

        if (groups.Count == 0)
        {
            throw DomainValidationException.For("q", excluded.Count > 0
                ? "Add a word to look for as well as the ones to leave out (-word)."
                : "There are no words to look for in that search: letters or numbers, please.");
        }

        if (groups.Sum(g => g.Count) + excluded.Count > MaxTerms)
        {
            throw DomainValidationException.For("q", $"That search has more than {MaxTerms} words and phrases. Please pick the ones that matter most.");
        }

        return new SearchQuery(groups, excluded);
    }

    /// <summary>The query written back in its tidy form (what the page shows it understood).</summary>
    public override string ToString()
    {
        static string Show(SearchTerm t) => t.IsPhrase ? $"\"{t.Text}\"" : t.Text;
        var parts = Required.Select(g => string.Join(" OR ", g.Select(Show))).Concat(Excluded.Select(t => "-" + Show(t)));
        return string.Join(' ', parts);
    }

    /// <summary>Splits on spaces outside quotes; a quote left open runs to the end.</summary>
    private static IEnumerable<(string Text, bool Quoted, bool Negated)> Pieces(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var negated = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }

            if (text[i] is '"' or '“' or '”')
            {
                var close = text.IndexOfAny(['"', '“', '”'], i + 1);
                var end = close < 0 ? text.Length : close;
                yield return (text[(i + 1)..end], true, negated);
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '“' or '”'))
            {
                i++;
            }

            yield return (text[start..i], false, negated);
        }
    }

    /// <summary>The letters and digits of a piece (any script), split at everything else.</summary>
    private static List<string> Words(string piece)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in piece.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}

/// <summary>One word, or the words of a phrase that must follow one another.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool IsPhrase)
{
    public string Text => string.Join(' ', Words);
}
