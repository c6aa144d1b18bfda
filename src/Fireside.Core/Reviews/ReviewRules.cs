using Fireside.Core;

namespace Fireside.Core.Reviews;

/// <summary>
/// The checks every way into Fireside (pages, API, CLI) applies before saving.
/// Field names are the API's JSON names, so a message can point at the field.
/// </summary>
public static class ReviewRules
{
    public const int TitleMaxLength = 200;
    public const int ListItemMaxLength = 100;
    public const int ListMaxCount = 50;
    public const int MarkdownMaxLength = 100_000;
    public const int ActorMaxLength = 200;
    public const int EntryTextMaxLength = 20_000;
    public const int LinkMaxLength = 2_000;

    public static ValidationErrors Validate(ReviewInput input, SeverityCatalog severities)
    {
        var errors = new ValidationErrors();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add("title", "Please give the review a title.");
        }
        else if (title.Length > TitleMaxLength)
        {
            errors.Add("title", $"The title is {title.Length} characters long; please keep it to {TitleMaxLength}.");
        }

        NotBefore(errors, "detectedAt", "detection", input.DetectedAt, "incidentStartedAt", "the incident's start", input.IncidentStartedAt);
        NotBefore(errors, "resolvedAt", "resolution", input.ResolvedAt, "incidentStartedAt", "the incident's start", input.IncidentStartedAt);
        NotBefore(errors, "resolvedAt", "resolution", input.ResolvedAt, "detectedAt", "detection", input.DetectedAt);
        NotBefore(errors, "scopeEndsAt", "scope's end", input.ScopeEndsAt, "scopeStartsAt", "the scope's start", input.ScopeStartsAt);
        NotBefore(errors, "statusPageAt", "status page update", input.StatusPageAt, "incidentStartedAt", "the incident's start", input.IncidentStartedAt);

        if (!string.IsNullOrWhiteSpace(input.Severity) && severities.Find(input.Severity) is null)
        {
            var known = string.Join(", ", severities.Levels.Select(l => l.Name));
            errors.Add("severity", $"\"{input.Severity.Trim()}\" is not a severity this organisation uses. Choose one of: {known}.");
        }

        CheckList(errors, "services", "service", input.Services);
        CheckList(errors, "tags", "tag", input.Tags);
        CheckLength(errors, "summary", "summary", input.Summary, MarkdownMaxLength);
        CheckLength(errors, "tlDr", "tl;dr", input.TlDr, MarkdownMaxLength);
        CheckLength(errors, "surprises", "\"why were we surprised\" text", input.Surprises, MarkdownMaxLength);
        if (input.Visibility is { } visibility && !Enum.IsDefined(visibility))
        {
            errors.Add("visibility", "Visibility is \"organisation\" (everyone signed in) or \"restricted\" (the people involved and those they invite).");
        }

        if (!string.IsNullOrWhiteSpace(input.TimeZone) && !Durations.IsKnownZone(input.TimeZone.Trim()))
        {
            errors.Add("timeZone", $"“{input.TimeZone.Trim()[..Math.Min(input.TimeZone.Trim().Length, 64)]}” is not a time zone Fireside knows. Please give one such as Europe/Berlin or America/New_York.");
        }

        if (input.Status is { } status && !Enum.IsDefined(status))
        {
            errors.Add("status", "That status is not one Fireside knows.");
        }

        return errors;
    }

    public static ValidationErrors Validate(TimelineEntryInput input)
    {
        var errors = new ValidationErrors();
        if (input.OccurredAt is null)
        {
            errors.Add("occurredAt", "Please say when this happened.");
        }

        var actor = input.Actor?.Trim() ?? "";
        if (actor.Length == 0)
        {
            errors.Add("actor", "Please name who or what acted: a person, or a system such as \"deploy bot\".");
        }
        else if (actor.Length > ActorMaxLength)
        {
            errors.Add("actor", $"The actor's name is {actor.Length} characters long; please keep it to {ActorMaxLength}.");
        }

        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("text", "Please describe what happened at this moment.");
        }

        CheckLength(errors, "text", "entry text", text, EntryTextMaxLength);
        if (input.ActorKind is { } actorKind && !Enum.IsDefined(actorKind))
        {
            errors.Add("actorKind", "The actor is either a person or a system.");
        }

        if (input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add("kind", "That kind of entry is not one Fireside knows.");
        }

        if (input.Phase is { Length: > 100 })
        {
            errors.Add("phase", $"The phase name is {input.Phase.Length} characters long; please keep it to 100.");
        }

        if (input.Scope is { } scope && !Enum.IsDefined(scope))
        {
            errors.Add("scope", "An entry's scope is window, included or excluded.");
        }

        CheckLink(errors, "link", input.Link);
        return errors;
    }

    public static ValidationErrors Validate(AccountInput input)
    {
        var errors = new ValidationErrors();
        var author = input.Author?.Trim() ?? "";
        if (author.Length == 0)
        {
            errors.Add("author", "Please say whose account this is.");
        }
        else if (author.Length > ActorMaxLength)
        {
            errors.Add("author", $"The name is {author.Length} characters long; please keep it to {ActorMaxLength}.");
        }

        string?[] parts = [input.Saw, input.Believed, input.Did, input.WhySensible];
        if (parts.All(string.IsNullOrWhiteSpace))
        {
            errors.Add("saw", "An account needs at least one part: what they saw, believed, did, or why it made sense.");
        }

        CheckLength(errors, "saw", "\"what I saw\" part", input.Saw, EntryTextMaxLength);
        CheckLength(errors, "believed", "\"what I believed\" part", input.Believed, EntryTextMaxLength);
        CheckLength(errors, "did", "\"what I did\" part", input.Did, EntryTextMaxLength);
        CheckLength(errors, "whySensible", "\"why it made sense\" part", input.WhySensible, EntryTextMaxLength);
        return errors;
    }

    /// <summary>An account of a stretch of time names where the stretch starts and ends.</summary>
    public static ValidationErrors ValidateSpan(AccountInput input)
    {
        var errors = Validate(input);
        if (input.SpanStartsAt is null)
        {
            errors.Add("spanStartsAt", "Please say when the stretch of time this account covers starts.");
        }

        if (input.SpanEndsAt is null)
        {
            errors.Add("spanEndsAt", "Please say when the stretch of time this account covers ends.");
        }

        NotBefore(errors, "spanEndsAt", "stretch's end", input.SpanEndsAt, "spanStartsAt", "its start", input.SpanStartsAt);
        return errors;
    }

    /// <summary>A web address people can follow: absolute, http or https, not too long.</summary>
    public static void CheckLink(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var link = value.Trim();
        if (link.Length > LinkMaxLength)
        {
            errors.Add(field, $"The link is {link.Length} characters long; please keep it to {LinkMaxLength}.");
        }
        else if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(field, "The link needs to be a full web address starting with http:// or https://.");
        }
    }

    /// <summary>Trims, drops empty items and repeats (ignoring case), keeps the first spelling.</summary>
    public static List<string> CleanList(IEnumerable<string>? items) =>
        items is null
            ? []
            : [.. items.Select(i => i?.Trim() ?? "").Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Splits a comma-separated list as typed into a form.</summary>
    public static List<string> SplitList(string? text) =>
        CleanList((text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static void NotBefore(ValidationErrors errors, string field, string what, DateTimeOffset? value, string otherField, string otherWhat, DateTimeOffset? other)
    {
        if (value is { } v && other is { } o && v < o && !errors.Has(field))
        {
            errors.Add(field, $"The {what} time is before {otherWhat}; please check both.");
        }
    }

    private static void CheckList(ValidationErrors errors, string field, string what, IReadOnlyList<string>? items)
    {
        var clean = CleanList(items);
        if (clean.Count > ListMaxCount)
        {
            errors.Add(field, $"There are {clean.Count} {what}s; please keep it to {ListMaxCount}.");
        }

        foreach (var item in clean.Where(i => i.Length > ListItemMaxLength))
        {
            errors.Add(field, $"The {what} \"{item[..20]}…\" is {item.Length} characters long; please keep each to {ListItemMaxLength}.");
        }
    }

    /// <summary>Adds a message when a text is longer than a field holds.</summary>
    public static void CheckLength(ValidationErrors errors, string field, string what, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            errors.Add(field, $"The {what} is {text.Length} characters long; please keep it to {max}.");
        }
    }
}
