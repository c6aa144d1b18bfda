namespace Fireside.Core.Library;

/// <summary>
/// A theme the organisation files contributing factors under, so the library can show what keeps coming
/// back across incidents. Admins keep the list short; facilitators tag factors after the meeting.
/// </summary>
public sealed class Theme
{
    public const int NameMaxLength = 60;
    public const int DescriptionMaxLength = 300;
    public const int MaxThemes = 40;

    public Guid Id { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int Order { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A contributing factor filed under a theme (the review is repeated so a change finds its review at once).</summary>
public sealed class FactorTheme
{
    public Guid FactorId { get; set; }
    public Guid ThemeId { get; set; }
    public Guid ReviewId { get; set; }
}

/// <summary>What an admin sends to add or change a theme.</summary>
public sealed record ThemeInput(string? Name, string? Description);

/// <summary>The starting list, written for Fireside: broad enough to recur, narrow enough to say something.</summary>
public static class ThemeDefaults
{
    public static readonly IReadOnlyList<(Guid Id, string Name, string Description)> Themes =
    [
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000001"), "Alerting and signals", "What told people something was wrong, what stayed quiet, and what was hard to read."),
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000002"), "Deploys and change", "Changes going out: releases, configuration, migrations and feature flags."),
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000003"), "Capacity and load", "Traffic, limits, queues, and resources running short."),
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000004"), "Dependencies", "The services, vendors and libraries the system leans on."),
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000005"), "Knowledge and documentation", "What people knew, where it was written down, and who knew whom to ask."),
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000006"), "Coordination and handoffs", "Working across people and teams: on-call, handoffs and work done in parallel."),
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000007"), "Production pressure", "Deadlines, workload and the trade-offs people were weighing at the time."),
        (new("6a1f0c3e-1b1d-4f5e-9a01-000000000008"), "Tooling and automation", "The tools people worked with, and what automation did on its own."),
    ];

    /// <summary>Checks a theme's name and description; <paramref name="taken"/> are the other themes' names.</summary>
    public static ValidationErrors Validate(ThemeInput input, IEnumerable<string> taken)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", "Please give the theme a name, such as \"Capacity and load\".");
        }
        else if (name.Length > Theme.NameMaxLength)
        {
            errors.Add("name", $"A theme's name is at most {Theme.NameMaxLength} characters; this one has {name.Length}.");
        }
        else if (name.Any(char.IsControl))
        {
            errors.Add("name", "A theme's name is one line of text.");
        }
        else if (taken.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("name", $"There is already a theme called \"{name}\".");
        }

        if ((input.Description?.Trim().Length ?? 0) > Theme.DescriptionMaxLength)
        {
            errors.Add("description", $"A theme's description is at most {Theme.DescriptionMaxLength} characters.");
        }

        return errors;
    }
}
