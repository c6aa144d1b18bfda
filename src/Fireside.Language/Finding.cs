namespace Fireside.Language;

/// <summary>The five kinds of wording the coach notices. See docs/language-coach.md.</summary>
public enum Category
{
    Counterfactual,
    RootCause,
    Blame,
    Hindsight,
    Minimizing,
}

/// <summary>How strongly a finding is shown. Quoted words (what someone said) are always <see cref="Info"/>.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}

public static class CategoryNames
{
    private static readonly string[] Names = ["counterfactual", "root-cause", "blame", "hindsight", "minimizing"];

    public static string Name(this Category category) => Names[(int)category];

    public static bool TryParse(string? text, out Category category)
    {
        var index = Array.FindIndex(Names, n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        category = index < 0 ? default : (Category)index;
        return index >= 0;
    }

    public static IReadOnlyList<string> All => Names;

    public static string Name(this Severity severity) => severity.ToString().ToLowerInvariant();
}

/// <summary>
/// One piece of wording worth a second look. Lines and columns are 1-based; <see cref="EndColumn"/> and
/// <see cref="End"/> point just past the last character (as in SARIF). Offsets count UTF-16 code units.
/// </summary>
public sealed record Finding(
    Category Category,
    string Rule,
    Severity Severity,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    int Start,
    int End,
    string Text,
    string Message,
    string Suggestion)
{
    public string CategoryName => Category.Name();
}
