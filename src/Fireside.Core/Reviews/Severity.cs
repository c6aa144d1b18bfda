namespace Fireside.Core.Reviews;

/// <summary>One level of severity, as the organisation defines it.</summary>
public sealed record SeverityLevel(string Name, string Description);

/// <summary>The severity levels an organisation uses, most severe first.</summary>
public sealed class SeverityCatalog
{
    public SeverityCatalog(IEnumerable<SeverityLevel> levels)
    {
        Levels = [.. levels];
    }

    public IReadOnlyList<SeverityLevel> Levels { get; }

    /// <summary>A common four-level scale, used when configuration names none.</summary>
    public static SeverityCatalog Default { get; } = new(
    [
        new("SEV1", "Most or all people cannot use a core part of the product."),
        new("SEV2", "A core part of the product is degraded for many people."),
        new("SEV3", "A smaller part of the product is degraded, or a few people are affected."),
        new("SEV4", "Little or no effect on people using the product, but worth learning from."),
    ]);

    public SeverityLevel? Find(string? name) =>
        name is null ? null : Levels.FirstOrDefault(l => string.Equals(l.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The configured spelling of a level, so "sev2" is saved as "SEV2".</summary>
    public string? Canonical(string? name) => Find(name)?.Name;
}
