namespace Fireside.Core.Reviews;

/// <summary>
/// A coach finding someone marked as intentional for one review (a quote, a term of art), so it stops
/// showing there. Identified by where it is (field), which rule, and the words, so it survives edits
/// elsewhere in the text.
/// </summary>
public sealed class LanguageDismissal
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }

    /// <summary>"summary", "tlDr", "surprises", "title" or "entry:{id}".</summary>
    public string Field { get; set; } = "";
    public string Rule { get; set; } = "";
    public string Text { get; set; } = "";
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}
