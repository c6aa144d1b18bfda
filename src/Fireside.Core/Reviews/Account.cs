namespace Fireside.Core.Reviews;

/// <summary>
/// One person's account of a moment on the timeline: what they saw, what they believed then, what they
/// did, and why it made sense at the time. Several people's accounts of the same moment sit side by side;
/// where they differ, both stay.
/// </summary>
public sealed class Account : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public Guid EntryId { get; set; }

    /// <summary>Whose account this is (an actor; not necessarily someone with a Fireside login).</summary>
    public string Author { get; set; } = "";
    public string Saw { get; set; } = "";
    public string Believed { get; set; } = "";
    public string Did { get; set; } = "";
    public string WhySensible { get; set; } = "";
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public void Apply(AccountInput input, DateTime now)
    {
        Author = input.Author!.Trim();
        Saw = input.Saw?.Trim() ?? "";
        Believed = input.Believed?.Trim() ?? "";
        Did = input.Did?.Trim() ?? "";
        WhySensible = input.WhySensible?.Trim() ?? "";
        UpdatedAt = now;
    }

    /// <summary>The parts of an account, in the order people tell them, with the names the API and the language coach use.</summary>
    public IEnumerable<(string Field, string Label, string Text)> Parts()
    {
        yield return ("saw", "What I saw", Saw);
        yield return ("believed", "What I believed then", Believed);
        yield return ("did", "What I did", Did);
        yield return ("whySensible", "Why it made sense at the time", WhySensible);
    }
}

/// <summary>What is sent to add or change an account.</summary>
public sealed record AccountInput
{
    public string? Author { get; init; }
    public string? Saw { get; init; }
    public string? Believed { get; init; }
    public string? Did { get; init; }
    public string? WhySensible { get; init; }

    /// <summary>The version last read; required for updates.</summary>
    public int? Version { get; init; }
}
