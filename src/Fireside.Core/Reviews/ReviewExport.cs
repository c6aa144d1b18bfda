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

    public static string ToMarkdown(Review review, SeverityCatalog severities)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(OneLine(review.Title)).AppendLine();
        var severity = severities.Find(review.Severity);
        Line(md, "Status", review.Status.ToString().ToLowerInvariant());
        Line(md, "Severity", severity is null ? review.Severity ?? "—" : $"{severity.Name} — {severity.Description}");
        Line(md, "Services", review.Services.Count == 0 ? "—" : string.Join(", ", review.Services));
        Line(md, "Tags", review.Tags.Count == 0 ? "—" : string.Join(", ", review.Tags));
        // Every time below is in the review's own zone, named once here.
        var zone = Durations.Zone(review.TimeZone);
        Line(md, "Times in", zone.Id);
        Line(md, "Incident started", Durations.In(review.IncidentStartedAt, zone));
        Line(md, "Detected", Durations.In(review.DetectedAt, zone));
        Line(md, "Resolved", Durations.In(review.ResolvedAt, zone));
        Line(md, "Status page updated", Durations.In(review.StatusPageAt, zone));
        Line(md, "Impact", Durations.Describe(review.Impact));
        Line(md, "Time to detect", Durations.Describe(review.TimeToDetect));
        Line(md, "Time to resolve", Durations.Describe(review.TimeToResolve));
        md.AppendLine();
        Section(md, "tl;dr", review.TlDr);
        Section(md, "Summary", review.Summary);
        Section(md, "Why were we surprised?", review.Surprises);

        md.AppendLine("## Timeline").AppendLine();
        var any = false;
        foreach (var entry in review.OrderedTimeline)
        {
            any = true;
            var time = Durations.In(entry.OccurredAt, zone, seconds: true);
            var actorKind = entry.ActorKind == ActorKind.System ? " (system)" : "";
            md.Append("- **").Append(time).Append("** · ").Append(OneLine(entry.Actor)).Append(actorKind)
              .Append(" · ").Append(entry.Kind.ToString().ToLowerInvariant()).Append(": ")
              .Append(OneLine(entry.Text));
            if (entry.Link is not null)
            {
                md.Append(" ([link](<").Append(entry.Link).Append(">))");
            }

            md.AppendLine();
            foreach (var attachment in review.AttachmentsOf(entry.Id))
            {
                md.Append("  - ![").Append(OneLine(attachment.Caption).Replace("]", "\\]", StringComparison.Ordinal)).Append("](<")
                  .Append(attachment.Url ?? AttachmentDocument.ContentPath(attachment)).AppendLine(">)");
            }

            foreach (var account in review.AccountsOf(entry.Id))
            {
                AccountLines(md, account, "  ");
            }
        }

        if (!any)
        {
            md.AppendLine("_No timeline entries yet._");
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

    /// <summary>The story, then what the review leaves behind: takeaways, contributing factors and remediation.</summary>
    public static string ToMarkdown(ReviewArchive archive, SeverityCatalog severities)
    {
        var md = new StringBuilder(ToMarkdown(archive.Review, severities));
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

        md.Append("## ").AppendLine(heading).AppendLine().AppendLine(body.Trim()).AppendLine();
    }

    private static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Trim();
}
