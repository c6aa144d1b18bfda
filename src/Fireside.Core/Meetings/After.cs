namespace Fireside.Core.Meetings;

/// <summary>What the review taught: what surprised us, what we believed before, what we believe now.</summary>
public sealed class Takeaway
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public string SurprisedBy { get; set; } = "";
    public string BelievedBefore { get; set; } = "";
    public string BelieveNow { get; set; } = "";
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One of the things that together shaped the incident. A review lists several; there is never one cause.</summary>
public sealed class ContributingFactor
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An optional change someone will look into, with a link to the team's own tracker.</summary>
public sealed class RemediationItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public string Text { get; set; } = "";
    public string? Owner { get; set; }
    public string? TrackerUrl { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One attendee's answers to the short survey about how the review went.</summary>
public sealed class SurveyResponse
{
    public Guid ReviewId { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>Answers from 1 (not at all) to 5 (fully), in the order of <see cref="Survey.Statements"/>.</summary>
    public int ToldMyPart { get; set; }
    public int StayedOnLearning { get; set; }
    public int UnderstandBetter { get; set; }
    public string Suggestion { get; set; } = "";
    public DateTime AnsweredAt { get; set; }
}

public static class Survey
{
    public static IReadOnlyList<string> Statements { get; } =
    [
        "I could tell my part of the story.",
        "The conversation stayed on learning rather than on judging.",
        "I understand the system better than before.",
    ];

    public const string SuggestionQuestion = "What would make the next review better?";

    public static ValidationErrors Validate(int? toldMyPart, int? stayedOnLearning, int? understandBetter, string? suggestion)
    {
        var errors = new ValidationErrors();
        foreach (var (field, value) in new[] { ("toldMyPart", toldMyPart), ("stayedOnLearning", stayedOnLearning), ("understandBetter", understandBetter) })
        {
            if (value is not (>= 1 and <= 5))
            {
                errors.Add(field, "Please choose from 1 (not at all) to 5 (fully).");
            }
        }

        if (suggestion is { Length: > 2000 })
        {
            errors.Add("suggestion", $"The suggestion is {suggestion.Length} characters long; please keep it to 2,000.");
        }

        return errors;
    }

    /// <summary>A gentle note when the contributing factors read like a single cause.</summary>
    public static string? FactorsNote(int factors) =>
        factors == 1 ? "One factor rarely tells the whole story. What else shaped what happened: tools, pressures, changes, what people knew?" : null;
}
