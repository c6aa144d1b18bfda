namespace Fireside.Core.Reviews;

/// <summary>One thing a review usually has before it is published, whether this one has it, and what it has now.</summary>
public sealed record PublishCheck(string Key, string Label, bool Met, string Detail);

/// <summary>What the checklist looks at: the coach's open notes, the meeting, the takeaways and the contributing factors.</summary>
public sealed record PublishFacts(int OpenFindings, DateTime? MeetingAt, int Takeaways, int Factors);

/// <summary>
/// Publishing is a step: a short checklist of what a finished review usually has. A facilitator may still publish
/// with an item open, by writing why it can wait; the reason goes into the review's history.
/// </summary>
public static class PublishChecklist
{
    public const int ReasonMaxLength = 500;

    public const string Language = "language";
    public const string Meeting = "meeting";
    public const string Takeaways = "takeaways";
    public const string Factors = "factors";

    public static IReadOnlyList<PublishCheck> Check(PublishFacts facts, DateTime now) =>
    [
        new(Language, "The language coach's notes are answered", facts.OpenFindings == 0,
            facts.OpenFindings switch
            {
                0 => "No open notes.",
                1 => "1 note is open on the Language page: reword it, or mark it intentional.",
                var n => $"{n} notes are open on the Language page: reword them, or mark them intentional.",
            }),
        new(Meeting, "The meeting was held", facts.MeetingAt is { } held && held <= now,
            facts.MeetingAt switch
            {
                null => "No meeting time is set.",
                var at when at > now => "The meeting is still to come.",
                _ => "Held.",
            }),
        new(Takeaways, "Takeaways are written", facts.Takeaways > 0,
            facts.Takeaways == 0 ? "No takeaway yet: what surprised us, and what we believe now." : $"{facts.Takeaways} written."),
        new(Factors, "More than one contributing factor", facts.Factors > 1,
            facts.Factors switch
            {
                0 => "No contributing factor yet.",
                1 => "Only one so far: incidents rarely come from one thing alone.",
                var n => $"{n} written.",
            }),
    ];

    /// <summary>
    /// The reasons given for the items still open, checked: every open item needs one (the field is "skip.KEY"), no
    /// reason longer than <see cref="ReasonMaxLength"/>, and no key the checklist does not have. Reasons for items
    /// already met are dropped.
    /// </summary>
    public static (ValidationErrors Errors, IReadOnlyList<(PublishCheck Check, string Reason)> Skipped) Skip(
        IReadOnlyList<PublishCheck> checks, IReadOnlyDictionary<string, string?>? reasons)
    {
        var errors = new ValidationErrors();
        reasons ??= new Dictionary<string, string?>();
        foreach (var key in reasons.Keys.Where(k => checks.All(c => c.Key != k)))
        {
            errors.Add("skipped", $"The checklist has no item \"{Shorten(key)}\". Its items are {string.Join(", ", checks.Select(c => c.Key))}.");
        }

        var skipped = new List<(PublishCheck, string)>();
        foreach (var check in checks.Where(c => !c.Met))
        {
            var reason = reasons.GetValueOrDefault(check.Key)?.Trim() ?? "";
            if (reason.Length == 0)
            {
                errors.Add($"skip.{check.Key}", $"\"{check.Label}\" is still open. Settle it first, or write why it can wait.");
            }
            else if (reason.Length > ReasonMaxLength)
            {
                errors.Add($"skip.{check.Key}", $"Please keep the reason to {ReasonMaxLength} characters; it has {reason.Length}.");
            }
            else
            {
                skipped.Add((check, reason));
            }
        }

        return (errors, skipped);
    }

    private static string Shorten(string key) => key.Length <= 40 ? key : key[..40] + "…";
}
