using System.Text.Json;
using Fireside.Core.Reviews;

namespace Fireside.Core.Tests;

public class ReviewExportTests
{
    private static Review Sample()
    {
        var start = new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);
        var review = new Review
        {
            Title = "Checkout | outage",
            IncidentStartedAt = start,
            ResolvedAt = start.AddMinutes(90),
            Severity = "SEV2",
            Services = ["checkout"],
            TlDr = "Payments stalled for 90 minutes.",
        };
        review.Timeline.Add(new TimelineEntry { OccurredAt = start.AddMinutes(10), Actor = "Priya", Kind = TimelineEntryKind.Action, Text = "Rolled back\nthe deploy" });
        review.Timeline.Add(new TimelineEntry { OccurredAt = start, Actor = "alertmanager", ActorKind = ActorKind.System, Kind = TimelineEntryKind.Alert, Text = "Error rate high" });
        return review;
    }

    [Fact]
    public void Markdown_HasFactsSectionsAndTimelineInOrder()
    {
        var markdown = ReviewExport.ToMarkdown(Sample(), SeverityCatalog.Default);

        Assert.StartsWith("# Checkout | outage", markdown);
        Assert.Contains("**Impact:** 1 h 30 min", markdown);
        Assert.Contains("SEV2: A core part", markdown);
        Assert.Contains("## tl;dr", markdown);
        Assert.DoesNotContain("## Summary", markdown);
        var alert = markdown.IndexOf("alertmanager (system)", StringComparison.Ordinal);
        var action = markdown.IndexOf("Priya", StringComparison.Ordinal);
        Assert.True(alert > 0 && alert < action, markdown);
        Assert.Contains("Rolled back the deploy", markdown);
    }

    [Fact]
    public void Markdown_TellsTheStory_WithHumanKinds_PhasesAndInflectionPoints_AndHiddenMomentsApart()
    {
        var review = Sample();
        review.Status = ReviewStatus.Published;
        review.Tags = ["database"];
        var start = review.IncidentStartedAt!.Value;
        var signal = new TimelineEntry { ReviewId = review.Id, OccurredAt = start.AddMinutes(5), Actor = "Ana", Kind = TimelineEntryKind.SignalUsed, Phase = "Diagnosis", IsInflectionPoint = true, Text = "Read the pool graph" };
        review.Timeline.Add(signal);
        review.Timeline.Add(new TimelineEntry { OccurredAt = start.AddMinutes(6), Actor = "bot", Kind = TimelineEntryKind.Other, IsHidden = true, Text = "Reminder: lunch" });
        review.Attachments.Add(new Attachment { ReviewId = review.Id, EntryId = signal.Id, Caption = "Pool", FileName = "pool.png", ContentType = "image/png" });

        var markdown = ReviewExport.ToMarkdown(review, SeverityCatalog.Default, image => $"https://fireside.example.com/shared/images/{image.Caption}");

        Assert.Contains("- **Status:** Published", markdown);
        Assert.Contains("- **Tags:** database", markdown);
        Assert.Contains("Ana · Signal used · phase: Diagnosis · inflection point: Read the pool graph", markdown);
        Assert.Contains("· Alert: Error rate high", markdown);
        Assert.Contains("![Pool](<https://fireside.example.com/shared/images/Pool>)", markdown);
        var hidden = markdown.IndexOf("### Moments hidden as noise", StringComparison.Ordinal);
        Assert.True(hidden > markdown.IndexOf("Rolled back", StringComparison.Ordinal), markdown);
        Assert.True(markdown.IndexOf("Reminder: lunch", StringComparison.Ordinal) > hidden, markdown);
    }

    [Fact]
    public void ASummarysOwnHeadings_SitInsideTheExportsSection_CodeIsLeftAlone()
    {
        var review = Sample();
        review.Summary = "# Timeline\nWhat we saw.\n\n```\n# not a heading\n```\nImpact\n======\n\n- item\n---\n\n###### Deep";

        var markdown = ReviewExport.ToMarkdown(review, SeverityCatalog.Default);

        Assert.Single(markdown.Split('\n'), line => line == "## Timeline");
        Assert.Contains("### Timeline\nWhat we saw.", markdown);
        Assert.Contains("```\n# not a heading\n```", markdown);
        Assert.Contains("### Impact\n", markdown);
        Assert.Contains("- item\n---", markdown);
        Assert.Contains("\n###### Deep", markdown);
    }

    [Fact]
    public void Json_UsesCamelCaseAndStringEnums()
    {
        using var json = JsonDocument.Parse(ReviewExport.ToJson(Sample(), SeverityCatalog.Default));
        var root = json.RootElement;

        Assert.Equal("draft", root.GetProperty("status").GetString());
        Assert.Equal("2026-11-20T10:00:00+00:00", root.GetProperty("incidentStartedAt").GetString());
        Assert.Equal(2, root.GetProperty("timeline").GetArrayLength());
        Assert.Equal("alert", root.GetProperty("timeline")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void Markdown_GivesEveryTimeInTheReviewsZone_AndNamesItOnce()
    {
        var review = Sample();
        review.TimeZone = "Europe/Berlin";

        var markdown = ReviewExport.ToMarkdown(review, SeverityCatalog.Default);

        Assert.Contains("**Times in:** Europe/Berlin", markdown);
        Assert.Contains("**Incident started:** 2026-11-20 11:00", markdown);
        Assert.Contains("- **2026-11-20 11:10:00** · Priya", markdown);
        Assert.DoesNotContain("UTC", markdown);
        // The JSON keeps its exact UTC times and says which zone the review reads in.
        using var json = JsonDocument.Parse(ReviewExport.ToJson(review, SeverityCatalog.Default));
        Assert.Equal("Europe/Berlin", json.RootElement.GetProperty("timeZone").GetString());
        Assert.Equal("2026-11-20T10:00:00+00:00", json.RootElement.GetProperty("incidentStartedAt").GetString());
    }

    [Fact]
    public void AReviewsZone_MustBeOneFiresideKnows_AndNoneMeansUtc()
    {
        var errors = ReviewRules.Validate(new ReviewInput { Title = "Checkout", TimeZone = "Mars/Olympus_Mons" }, SeverityCatalog.Default);

        Assert.Equal("“Mars/Olympus_Mons” is not a time zone Fireside knows. Please give one such as Europe/Berlin or America/New_York.", Assert.Single(errors.For("timeZone")));
        Assert.Equal("UTC", new Review { TimeZone = null! }.TimeZone);
        Assert.Equal("Asia/Tokyo", new Review { TimeZone = " Asia/Tokyo " }.TimeZone);
    }
}
