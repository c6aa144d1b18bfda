using System.Globalization;
using System.Net;
using System.Text;
using Fireside.Core.Reviews;
using Fireside.Web.Infrastructure;

namespace Fireside.Web.Features.Reviews;

/// <summary>
/// A review as one self-contained HTML file, ready to print: styles inside, uploaded images inside (as data
/// URIs), Markdown rendered safely. Linked images stay links, so the file opens the same anywhere.
/// </summary>
public static class ReviewHtml
{
    private const string Style = """
        body { font: 11pt/1.5 system-ui, sans-serif; color: #1f2328; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.8rem; margin-bottom: .25rem; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { color: #57606a; }
        .entry { margin: .75rem 0; padding-left: .75rem; border-left: 3px solid #d0d7de; break-inside: avoid; }
        .entry.inflection { border-left-color: #bc4c00; } .when { font-weight: 600; } .meta { color: #57606a; font-size: .9em; }
        .account { margin: .4rem 0 .4rem 1rem; padding: .3rem .6rem; background: #f6f8fa; border-radius: 4px; }
        .account p { margin: .1rem 0; } figure { margin: .5rem 0; } img { max-width: 100%; max-height: 14rem; }
        @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
        """;

    public static string Render(ReviewArchive archive, SeverityCatalog severities, MarkdownRenderer markdown)
    {
        var review = archive.Review;
        var images = archive.Images.ToDictionary(i => i.AttachmentId, i => i.Base64);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(review.Title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(E(review.Title)).Append("</h1>\n<dl class=\"facts\">\n");
        foreach (var (label, value) in ReviewExport.Facts(review, severities))
        {
            Fact(html, label, value);
        }

        html.Append("</dl>\n");
        // Headings of the writer's own sit inside the export's sections (a summary's "# Timeline" becomes an h3).
        Section(html, "tl;dr", markdown.Render(ReviewExport.NestHeadings(review.TlDr)).Value);
        Section(html, "Summary", markdown.Render(ReviewExport.NestHeadings(review.Summary)).Value);
        Section(html, "Why were we surprised?", markdown.Render(ReviewExport.NestHeadings(review.Surprises)).Value);
        var zone = Durations.Zone(review.TimeZone);

        html.Append("<h2>Timeline</h2>\n");
        var hidden = review.OrderedTimeline.Where(e => e.IsHidden).ToList();
        foreach (var entry in review.OrderedTimeline.Where(e => !e.IsHidden))
        {
            Moment(html, review, entry, zone, images);
        }

        if (hidden.Count > 0)
        {
            html.Append("<h3>").Append(E(ReviewExport.HiddenHeading)).Append("</h3>\n");
            hidden.ForEach(entry => Moment(html, review, entry, zone, images));
        }

        var spans = review.SpanAccounts.ToList();
        if (spans.Count > 0)
        {
            html.Append("<h2>Accounts of stretches of time</h2>\n");
        }

        foreach (var span in spans)
        {
            html.Append("<div class=\"entry\"><p class=\"meta\">Accounts of ").Append(Durations.In(span.Key.From, zone)).Append(" to ").Append(Durations.In(span.Key.To, zone)).Append("</p>\n");
            foreach (var account in span)
            {
                Account(html, account);
            }

            html.Append("</div>\n");
        }

        List(html, "What we learned", archive.Takeaways.Select(t => string.Join(" ", new[]
        {
            t.SurprisedBy.Length > 0 ? $"<strong>What surprised us:</strong> {E(t.SurprisedBy)}" : "",
            t.BelievedBefore.Length > 0 ? $"<strong>What we believed before:</strong> {E(t.BelievedBefore)}" : "",
            t.BelieveNow.Length > 0 ? $"<strong>What we believe now:</strong> {E(t.BelieveNow)}" : "",
        }.Where(p => p.Length > 0))));
        List(html, "Contributing factors", archive.ContributingFactors.Select(f => E(f.Text)));
        List(html, "What we might change", archive.Remediation.Select(r =>
            E(r.Text) + (r.Owner is null ? "" : $" ({E(r.Owner)})") + (r.TrackerUrl is null ? "" : $" <a href=\"{E(r.TrackerUrl)}\">{E(r.TrackerUrl)}</a>")));
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Moment(StringBuilder html, Review review, TimelineEntry entry, TimeZoneInfo zone, Dictionary<Guid, string> images)
    {
        html.Append("<div class=\"entry").Append(entry.IsInflectionPoint ? " inflection" : "").Append("\">\n<p><span class=\"when\">")
            .Append(Durations.In(entry.OccurredAt, zone, seconds: true)).Append("</span> · ").Append(E(ReviewExport.EntryActor(entry)))
            .Append(" <span class=\"meta\">").Append(E(ReviewExport.EntryMeta(entry))).Append("</span></p>\n<p>")
            .Append(E(entry.Text));
        if (entry.Link is { } link)
        {
            html.Append(" (<a href=\"").Append(E(link)).Append("\" rel=\"noopener noreferrer nofollow\">link</a>)");
        }

        html.Append("</p>\n");
        foreach (var attachment in review.AttachmentsOf(entry.Id))
        {
            html.Append("<figure>");
            if (attachment.IsUpload && images.TryGetValue(attachment.Id, out var base64))
            {
                html.Append("<img src=\"data:").Append(attachment.ContentType).Append(";base64,").Append(base64).Append("\" alt=\"").Append(E(attachment.Caption)).Append("\">");
            }
            else if (attachment.Url is { } url)
            {
                html.Append("<a href=\"").Append(E(url)).Append("\">Linked image</a>");
            }

            html.Append("<figcaption>").Append(E(attachment.Caption)).Append("</figcaption></figure>\n");
        }

        foreach (var account in review.AccountsOf(entry.Id))
        {
            Account(html, account);
        }

        html.Append("</div>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static void Fact(StringBuilder html, string label, string value) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static void Section(StringBuilder html, string heading, string body)
    {
        if (body.Length > 0)
        {
            html.Append("<h2>").Append(E(heading)).Append("</h2>\n").Append(body).Append('\n');
        }
    }

    private static void Account(StringBuilder html, Fireside.Core.Reviews.Account account)
    {
        html.Append("<div class=\"account\"><p><strong>").Append(E(account.Author)).Append("</strong></p>");
        foreach (var (_, label, text) in account.Parts().Where(p => p.Text.Length > 0))
        {
            html.Append("<p><span class=\"meta\">").Append(E(label)).Append(":</span> ").Append(E(text)).Append("</p>");
        }

        html.Append("</div>\n");
    }

    private static void List(StringBuilder html, string heading, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        html.Append("<h2>").Append(E(heading)).Append("</h2>\n<ul>\n");
        list.ForEach(item => html.Append("<li>").Append(item).Append("</li>\n"));
        html.Append("</ul>\n");
    }
}
