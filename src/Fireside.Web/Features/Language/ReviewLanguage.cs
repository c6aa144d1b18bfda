using Fireside.Core.Reviews;
using Fireside.Language;

namespace Fireside.Web.Features.Language;

/// <summary>A coach finding in one field of a review.</summary>
public sealed record ReviewFinding(string Field, string FieldLabel, Finding Finding, bool Intentional);

/// <summary>Runs the coach over every text of a review that people write.</summary>
public static class ReviewLanguage
{
    public static List<ReviewFinding> Check(LanguageCoach coach, Review review, IReadOnlyCollection<LanguageDismissal> dismissals, bool includeIntentional = false)
    {
        var dismissed = dismissals.Select(d => (d.Field, d.Rule, d.Text)).ToHashSet();
        var results = new List<ReviewFinding>();
        void Add(string field, string label, string text, TextKind kind)
        {
            foreach (var finding in coach.Check(text, kind))
            {
                var intentional = dismissed.Contains((field, finding.Rule, finding.Text));
                if (includeIntentional || !intentional)
                {
                    results.Add(new ReviewFinding(field, label, finding, intentional));
                }
            }
        }

        Add("title", "Title", review.Title, TextKind.Plain);
        Add("tlDr", "tl;dr", review.TlDr, TextKind.Markdown);
        Add("summary", "Summary", review.Summary, TextKind.Markdown);
        Add("surprises", "Why were we surprised?", review.Surprises, TextKind.Markdown);
        foreach (var entry in review.OrderedTimeline)
        {
            Add($"entry:{entry.Id}", $"Timeline, {entry.Actor}", entry.Text, TextKind.Plain);
            foreach (var account in review.AccountsOf(entry.Id))
            {
                foreach (var (field, label, text) in account.Parts())
                {
                    Add($"account:{account.Id}:{field}", $"{account.Author}'s account, {label.ToLowerInvariant()}", text, TextKind.Plain);
                }
            }
        }

        foreach (var account in review.SpanAccounts.SelectMany(g => g))
        {
            foreach (var (field, label, text) in account.Parts())
            {
                Add($"account:{account.Id}:{field}", $"{account.Author}'s account of a stretch of time, {label.ToLowerInvariant()}", text, TextKind.Plain);
            }
        }

        foreach (var attachment in review.Attachments.OrderBy(a => a.CreatedAt))
        {
            Add($"attachment:{attachment.Id}", "Image caption", attachment.Caption, TextKind.Plain);
        }

        return results;
    }
}
