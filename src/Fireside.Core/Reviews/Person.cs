using System.Text;

namespace Fireside.Core.Reviews;

/// <summary>
/// One person (or one system) across the organisation's reviews, under every name they go by: a Slack display
/// name ("bob.j"), a chat nick and the name typed on an account ("Bob Jensen") are one person once someone has said
/// so. The names are remembered for the organisation, so the next import already uses <see cref="Name"/>.
/// </summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The name the story uses for them.</summary>
    public string Name { get; set; } = "";

    /// <summary>People and systems are kept apart: a bot's name never becomes a person's.</summary>
    public ActorKind Kind { get; set; } = ActorKind.Person;

    /// <summary>Their Fireside account, when one goes by this name or by one of the review's participants with it.</summary>
    public string? UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Another name a <see cref="Person"/> goes by. <see cref="Key"/> is unique: one name means one person.</summary>
public sealed class PersonAlias
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }

    /// <summary>The name as it was seen.</summary>
    public string Name { get; set; } = "";

    /// <summary>The name folded (<see cref="PersonNames.Key"/>), to look it up.</summary>
    public string Key { get; set; } = "";

    /// <summary>Who said it was the same person, and when.</summary>
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>What is sent to say that two names in a review are one person.</summary>
public sealed record PeopleMergeInput
{
    /// <summary>The name to fold in ("bob.j").</summary>
    public string? From { get; init; }

    /// <summary>The name to keep ("Bob Jensen"); it need not appear in the review yet.</summary>
    public string? Into { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        var from = From?.Trim() ?? "";
        var into = Into?.Trim() ?? "";
        if (from.Length == 0)
        {
            errors.Add("from", "Please choose the name to put together with another.");
        }
        else if (from.Length > ReviewRules.ActorMaxLength)
        {
            errors.Add("from", $"The name is {from.Length} characters long, and no name in a review is longer than {ReviewRules.ActorMaxLength}. Please choose one of the review's names.");
        }

        if (into.Length == 0)
        {
            errors.Add("into", "Please give the name to keep.");
        }
        else if (into.Length > ReviewRules.ActorMaxLength)
        {
            errors.Add("into", $"The name is {into.Length} characters long; please keep it to {ReviewRules.ActorMaxLength}.");
        }

        if (from.Length > 0 && from == into)
        {
            errors.Add("into", "That is the same name. Please choose another to put it together with.");
        }

        return errors;
    }
}

/// <summary>How names are compared: case, accents' composed forms and spacing do not make two people.</summary>
public static class PersonNames
{
    /// <summary>The longest key kept: a name of 200 characters may grow when its letters are decomposed (ﷺ is 18 letters).</summary>
    public const int MaxKeyLength = 2 * ReviewRules.ActorMaxLength;

    /// <summary>"  Bob  JENSEN " and "bob jensen" have the same key.</summary>
    public static string Key(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var key = new StringBuilder(folded.Length);
        foreach (var part in folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            key.Append(key.Length == 0 ? "" : " ").Append(part);
        }

        return key.Length <= MaxKeyLength ? key.ToString() : key.ToString(0, MaxKeyLength);
    }

    public static bool Same(string a, string b) => Key(a) == Key(b);
}
