using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fireside.Core.Reviews;

/// <summary>Turns a review into a file people can keep: Markdown to read, JSON to process.</summary>
public static class ReviewExport
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToJson(Review review, SeverityCatalog severities) =>
        JsonSerializer.Serialize(ReviewDocument.From(review, severities), JsonOptions);

    /// <summary>
    /// The facts at the top of every export (Markdown and HTML alike), each time in the review's own zone, which is
    /// named once among them.
    /// </summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(Review review, SeverityCatalog severities)
    {
        var zone = Durations.Zone(review.TimeZone);
        var severity = severities.Find(review.Severity);
        return
        [
            ("Status", review.Status.ToString()),
            ("Severity", severity is null ? review.Severity ?? "—" : $"{severity.Name}: {severity.Description}"),
            ("Services", review.Services.Count == 0 ? "—" : string.Join(", ", review.Services)),
            ("Tags", review.Tags.Count == 0 ? "—" : string.Join(", ", review.Tags)),
            ("Times in", zone.Id),
            ("Incident started", Durations.In(review.IncidentStartedAt, zone)),
            ("Detected", Durations.In(review.DetectedAt, zone)),
            ("Resolved", Durations.In(review.ResolvedAt, zone)),
            ("Status page updated", Durations.In(review.StatusPageAt, zone)),
            ("Impact", Durations.Describe(review.Impact)),
            ("Time to detect", Durations.Describe(review.TimeToDetect)),
            ("Time to resolve", Durations.Describe(review.TimeToResolve)),
        ];
    }

    /// <summary>What a moment was, in words: its kind, its phase and whether it was an inflection point ("Decision · Response · inflection point").</summary>
    public static string EntryMeta(TimelineEntry entry) =>
        string.Join(" · ", new[] { TimelineEntryKinds.Label(entry.Kind), entry.Phase is { Length: > 0 } phase ? $"phase: {phase}" : "", entry.IsInflectionPoint ? "inflection point" : "" }
            .Where(p => p.Length > 0));

    /// <summary>Who or what acted, with "(system)" for a system, as every export writes it.</summary>
    public static string EntryActor(TimelineEntry entry) =>
        OneLine(entry.Actor) + (entry.ActorKind == ActorKind.System ? " (system)" : "");

    /// <summary>The heading every export gives the moments hidden as noise, after the story.</summary>
    public const string HiddenHeading = "Moments hidden as noise";

    /// <summary>
    /// Text someone wrote in Markdown (a summary, a tl;dr), with its own headings moved <paramref name="by"/> levels
    /// down (at most to level 6), so that a summary's "# Timeline" sits inside the export's section instead of
    /// standing beside the export's own headings. Fenced code is left as it is.
    /// </summary>
    public static string NestHeadings(string markdown, int by = 2)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var output = new List<string>(lines.Length);
        string? fence = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                fence = trimmed.StartsWith(fence, StringComparison.Ordinal) ? null : fence;
                output.Add(line);
                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                output.Add(line);
                continue;
            }

            var indent = line.Length - trimmed.Length;
            var hashes = trimmed.TakeWhile(c => c == '#').Count();
            if (indent < 4 && hashes is >= 1 and <= 6 && (trimmed.Length == hashes || trimmed[hashes] is ' ' or '\t'))
            {
                output.Add(new string('#', Math.Min(6, hashes + by)) + trimmed[hashes..]);
                continue;
            }

            // A line of = or - under a line of text makes that text a heading of level 1 or 2 (a "setext" heading).
            var previous = output.Count > 0 ? output[^1] : "";
            var underline = trimmed.TrimEnd();
            if (indent < 4 && underline.Length > 0 && (underline.All(c => c == '=') || (underline.Length >= 2 && underline.All(c => c == '-')))
                && previous.Trim().Length > 0 && !IsBlockStart(previous.TrimStart()))
            {
                output[^1] = new string('#', Math.Min(6, (underline[0] == '=' ? 1 : 2) + by)) + " " + previous.Trim();
                continue;
            }

            output.Add(line);
        }

        return string.Join('\n', output);
    }

    private static bool IsBlockStart(string line) =>
        line.StartsWith('#') || line.StartsWith('>') || line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)
        || line.StartsWith("+ ", StringComparison.Ordinal) || line.StartsWith('|') || (line.Length > 1 && char.IsDigit(line[0]) && line.TakeWhile(char.IsDigit).Count() is var n && n < line.Length && line[n] is '.' or ')');

    /// <summary>
    /// The review as Markdown. An uploaded image is linked through <paramref name="imageLink"/> when given (a link
    /// that works outside Fireside); otherwise through its address in Fireside's API, which needs a sign-in.
    /// </summary>
    public static string ToMarkdown(Review review, SeverityCatalog severities, Func<Attachment, string>? imageLink = null)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(OneLine(review.Title)).AppendLine();
        foreach (var (label, value) in Facts(review, severities))
        {
            Line(md, label, value);
        }

        md.AppendLine();
        Section(md, "tl;dr", review.TlDr);
        Section(md, "Summary", review.Summary);
        Section(md, "Why were we surprised?", review.Surprises);

        var zone = Durations.Zone(review.TimeZone);
        md.AppendLine("## Timeline").AppendLine();
        var story = review.OrderedTimeline.Where(e => !e.IsHidden).ToList();
        var hidden = review.OrderedTimeline.Where(e => e.IsHidden).ToList();
        story.ForEach(entry => Moment(md, review, entry, zone, imageLink));
        if (story.Count == 0)
        {
            md.AppendLine("_No timeline entries yet._");
        }

        if (hidden.Count > 0)
        {
            md.AppendLine().Append("### ").AppendLine(HiddenHeading).AppendLine();
            hidden.ForEach(entry => Moment(md, review, entry, zone, imageLink));
        }

        var spans = review.SpanAccounts.ToList();
        if (spans.Count > 0)
        {
            md.AppendLine().AppendLine("## Accounts of stretches of time").AppendLine();
            foreach (var span in spans)
            {
                md.Append("- **").Append(Durations.In(span.Key.From, zone)).Append(" to ").Append(Durations.In(span.Key.To, zone)).AppendLine("**");
                foreach (var account in span)
                {
                    AccountLines(md, account, "  ");
                }
            }
        }

        return md.ToString();
    }

    private static void Moment(StringBuilder md, Review review, TimelineEntry entry, TimeZoneInfo zone, Func<Attachment, string>? imageLink)
    {
        md.Append("- **").Append(Durations.In(entry.OccurredAt, zone, seconds: true)).Append("** · ").Append(EntryActor(entry))
          .Append(" · ").Append(EntryMeta(entry)).Append(": ").Append(OneLine(entry.Text));
        if (entry.Link is not null)
        {
            md.Append(" ([link](<").Append(entry.Link).Append(">))");
        }

        md.AppendLine();
        foreach (var attachment in review.AttachmentsOf(entry.Id))
        {
            var link = attachment.Url ?? (imageLink is null ? AttachmentDocument.ContentPath(attachment) : imageLink(attachment));
            md.Append("  - ![").Append(OneLine(attachment.Caption).Replace("]", "\\]", StringComparison.Ordinal)).Append("](<").Append(link).AppendLine(">)");
        }

        foreach (var account in review.AccountsOf(entry.Id))
        {
            AccountLines(md, account, "  ");
        }
    }

    /// <summary>The story, then what the review leaves behind: takeaways, contributing factors and remediation.</summary>
    public static string ToMarkdown(ReviewArchive archive, SeverityCatalog severities, Func<Attachment, string>? imageLink = null)
    {
        var md = new StringBuilder(ToMarkdown(archive.Review, severities, imageLink));
        if (archive.Takeaways.Count > 0)
        {
            md.AppendLine().AppendLine("## What we learned").AppendLine();
            foreach (var takeaway in archive.Takeaways)
            {
                var parts = new[] { ("What surprised us", takeaway.SurprisedBy), ("What we believed before", takeaway.BelievedBefore), ("What we believe now", takeaway.BelieveNow) }
                    .Where(p => p.Item2.Length > 0).Select(p => $"*{p.Item1}:* {OneLine(p.Item2)}");
                md.Append("- ").AppendLine(string.Join(" ", parts));
            }
        }

        Bullets(md, "Contributing factors", archive.ContributingFactors.Select(f => OneLine(f.Text)));
        Bullets(md, "What we might change", archive.Remediation.Select(r =>
            OneLine(r.Text) + (r.Owner is null ? "" : $" ({OneLine(r.Owner)})") + (r.TrackerUrl is null ? "" : $" <{r.TrackerUrl}>")));
        return md.ToString();
    }

    private static void Bullets(StringBuilder md, string heading, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        md.AppendLine().Append("## ").AppendLine(heading).AppendLine();
        list.ForEach(item => md.Append("- ").AppendLine(item));
    }

    private static void AccountLines(StringBuilder md, Account account, string indent)
    {
        md.Append(indent).Append("- ").Append(OneLine(account.Author)).AppendLine("'s account:");
        foreach (var (_, label, text) in account.Parts().Where(p => p.Text.Length > 0))
        {
            md.Append(indent).Append("  - *").Append(label).Append(":* ").AppendLine(OneLine(text));
        }
    }

    private static void Line(StringBuilder md, string label, string value) =>
        md.Append("- **").Append(label).Append(":** ").AppendLine(value);

    private static void Section(StringBuilder md, string heading, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return;
        }

        md.Append("## ").AppendLine(heading).AppendLine().AppendLine(NestHeadings(body.Trim())).AppendLine();
    }

    private static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Trim();
}
