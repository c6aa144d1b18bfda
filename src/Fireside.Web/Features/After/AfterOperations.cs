using Fireside.Core;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Fireside.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.After;

public sealed record TakeawayInput(string? SurprisedBy, string? BelievedBefore, string? BelieveNow);

public sealed record FactorInput(string? Text);

public sealed record RemediationInput(string? Text, string? Owner, string? TrackerUrl);

public sealed record SurveyInput(int? ToldMyPart, int? StayedOnLearning, int? UnderstandBetter, string? Suggestion);

/// <summary>Publishing: for each checklist item still open (by key), why it can wait.</summary>
public sealed record PublishInput(Dictionary<string, string?>? Skipped);

/// <summary>The publish form of the After page: a reason for each checklist item that may be open.</summary>
public sealed class PublishForm
{
    public string? Language { get; set; }

    public string? Meeting { get; set; }

    public string? Takeaways { get; set; }

    public string? Factors { get; set; }

    /// <summary>The form's property for a checklist key.</summary>
    public static string Property(string key) => key switch
    {
        PublishChecklist.Language => nameof(Language),
        PublishChecklist.Meeting => nameof(Meeting),
        PublishChecklist.Takeaways => nameof(Takeaways),
        _ => nameof(Factors),
    };

    public string? Reason(string key) => Reasons().GetValueOrDefault(key);

    public Dictionary<string, string?> Reasons() => new()
    {
        [PublishChecklist.Language] = Language,
        [PublishChecklist.Meeting] = Meeting,
        [PublishChecklist.Takeaways] = Takeaways,
        [PublishChecklist.Factors] = Factors,
    };
}

public sealed record SurveyResults(int Responses, double? ToldMyPart, double? StayedOnLearning, double? UnderstandBetter, IReadOnlyList<string> Suggestions);

/// <summary>What the review leaves behind: takeaways, contributing factors, optional remediation, and how the review went.</summary>
public sealed record Outcome(
    ReviewStatus Status,
    IReadOnlyList<Takeaway> Takeaways,
    IReadOnlyList<ContributingFactor> ContributingFactors,
    IReadOnlyDictionary<Guid, IReadOnlyList<string>> FactorThemes,
    string? FactorsNote,
    IReadOnlyList<RemediationItem> Remediation,
    IReadOnlyList<string> SurveyStatements,
    SurveyResponse? MySurvey,
    SurveyResults? SurveyResults);

/// <summary>What the review leaves behind, shared by the page and the API: each change asks the permission service first.</summary>
public sealed class AfterOperations(
    FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions, ThemeOperations themes, ReviewOperations reviews, Language.ReviewFindings findings)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome> LoadAsync(Guid reviewId, CancellationToken ct)
    {
        var userId = user.Id;
        var status = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => (ReviewStatus?)r.Status).FirstOrDefaultAsync(ct)
            ?? throw ReviewOperations.MissingReview(reviewId);
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, ct);
        var mayReadResults = await permissions.MayAsync(ReviewAction.ReadPrivateNotes, reviewId, ct);
        var factors = await db.ContributingFactors.AsNoTracking().Where(f => f.ReviewId == reviewId).OrderBy(f => f.CreatedAt).ToListAsync(ct);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.ReviewId == reviewId).ToListAsync(ct);
        return new Outcome(
            status,
            await db.Takeaways.AsNoTracking().Where(t => t.ReviewId == reviewId).OrderBy(t => t.CreatedAt).ToListAsync(ct),
            factors,
            await themes.OfFactorsAsync(reviewId, ct),
            Survey.FactorsNote(factors.Count),
            await db.RemediationItems.AsNoTracking().Where(r => r.ReviewId == reviewId).OrderBy(r => r.CreatedAt).ToListAsync(ct),
            Survey.Statements,
            responses.FirstOrDefault(r => r.UserId == userId),
            mayReadResults ? Results(responses) : null);
    }

    /// <summary>The publish checklist, with the coach's notes still open on the review counted.</summary>
    public async Task<IReadOnlyList<PublishCheck>> ChecklistAsync(Guid reviewId, CancellationToken ct) =>
        await reviews.ChecklistAsync(reviewId, await OpenFindingsAsync(reviewId, ct), ct);

    /// <summary>Publishes the review once each open item of the checklist has a reason (see <see cref="ReviewOperations.PublishAsync"/>).</summary>
    public async Task PublishAsync(Guid reviewId, IReadOnlyDictionary<string, string?>? reasons, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.Publish, reviewId, ct);
        await reviews.PublishAsync(reviewId, await OpenFindingsAsync(reviewId, ct), reasons, ct);
    }

    private async Task<int> OpenFindingsAsync(Guid reviewId, CancellationToken ct) =>
        (await findings.ForReviewAsync(db, reviewId, ct) ?? throw ReviewOperations.MissingReview(reviewId)).Count(f => !f.Intentional);

    public static SurveyResults Results(IReadOnlyList<SurveyResponse> responses) => new(
        responses.Count,
        responses.Count == 0 ? null : Math.Round(responses.Average(r => r.ToldMyPart), 1),
        responses.Count == 0 ? null : Math.Round(responses.Average(r => r.StayedOnLearning), 1),
        responses.Count == 0 ? null : Math.Round(responses.Average(r => r.UnderstandBetter), 1),
        [.. responses.Where(r => r.Suggestion.Length > 0).Select(r => r.Suggestion)]);

    public async Task<Takeaway> AddTakeawayAsync(Guid reviewId, TakeawayInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (new[] { input.SurprisedBy, input.BelievedBefore, input.BelieveNow }.All(string.IsNullOrWhiteSpace))
        {
            errors.Add("surprisedBy", "A takeaway needs at least one part: what surprised us, what we believed before, or what we believe Now.");
        }

        ReviewRules.CheckLength(errors, "surprisedBy", "\"what surprised us\" part", input.SurprisedBy, ReviewRules.EntryTextMaxLength);
        ReviewRules.CheckLength(errors, "believedBefore", "\"what we believed before\" part", input.BelievedBefore, ReviewRules.EntryTextMaxLength);
        ReviewRules.CheckLength(errors, "believeNow", "\"what we believe Now\" part", input.BelieveNow, ReviewRules.EntryTextMaxLength);

        // Whether the person may add to the review is asked before what they sent is judged.
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        ReviewOperations.Throw(errors);
        var takeaway = new Takeaway { ReviewId = reviewId, SurprisedBy = input.SurprisedBy?.Trim() ?? "", BelievedBefore = input.BelievedBefore?.Trim() ?? "", BelieveNow = input.BelieveNow?.Trim() ?? "", CreatedBy = user.Name, CreatedAt = Now };
        db.Takeaways.Add(takeaway);
        await db.SaveChangesAsync(ct);
        return takeaway;
    }

    public async Task<ContributingFactor> AddFactorAsync(Guid reviewId, FactorInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add("text", "Please describe the factor: a tool, a pressure, a change, something people knew or did not.");
        }

        ReviewRules.CheckLength(errors, "text", "factor", input.Text, ReviewRules.EntryTextMaxLength);
        // Whether the person may add to the review is asked before what they sent is judged.
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        ReviewOperations.Throw(errors);
        var factor = new ContributingFactor { ReviewId = reviewId, Text = input.Text!.Trim(), CreatedAt = Now };
        db.ContributingFactors.Add(factor);
        await db.SaveChangesAsync(ct);
        return factor;
    }

    public async Task<RemediationItem> AddRemediationAsync(Guid reviewId, RemediationInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add("text", "Please say what might change.");
        }

        ReviewRules.CheckLength(errors, "text", "remediation item", input.Text, ReviewRules.EntryTextMaxLength);
        ReviewRules.CheckLength(errors, "owner", "owner's name", input.Owner, ReviewRules.ActorMaxLength);
        ReviewRules.CheckLink(errors, "trackerUrl", input.TrackerUrl);
        // Whether the person may add to the review is asked before what they sent is judged.
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        ReviewOperations.Throw(errors);
        var item = new RemediationItem
        {
            ReviewId = reviewId,
            Text = input.Text!.Trim(),
            Owner = string.IsNullOrWhiteSpace(input.Owner) ? null : input.Owner.Trim(),
            TrackerUrl = string.IsNullOrWhiteSpace(input.TrackerUrl) ? null : input.TrackerUrl.Trim(),
            CreatedAt = Now,
        };
        db.RemediationItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    public async Task RemoveAsync(Guid reviewId, string what, Guid itemId, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        // Removed through the change tracker, so the save rebuilds the review's search document and records the
        // removal in its history, in one transaction.
        object? item = what switch
        {
            "takeaways" => await db.Takeaways.FirstOrDefaultAsync(t => t.ReviewId == reviewId && t.Id == itemId, ct),
            "factors" => await db.ContributingFactors.FirstOrDefaultAsync(f => f.ReviewId == reviewId && f.Id == itemId, ct),
            "remediation" => await db.RemediationItems.FirstOrDefaultAsync(r => r.ReviewId == reviewId && r.Id == itemId, ct),
            _ => null,
        };
        db.Remove(item ?? throw new NotFoundException($"There is nothing with id {itemId} among this review's {what}."));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records (or changes) one person's answers; each person answers once.</summary>
    /// <summary>Anyone who reads the review may answer, after it is published too (the survey is about how the review went, not its story).</summary>
    public async Task AnswerSurveyAsync(Guid reviewId, SurveyInput input, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct);
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, ct);
        ReviewOperations.Throw(Survey.Validate(input.ToldMyPart, input.StayedOnLearning, input.UnderstandBetter, input.Suggestion));
        var userId = user.Id ?? throw new ForbiddenException("The survey is answered by people signed in to Fireside.");
        var response = await db.SurveyResponses.FirstOrDefaultAsync(r => r.ReviewId == reviewId && r.UserId == userId, ct);
        if (response is null)
        {
            response = new SurveyResponse { ReviewId = reviewId, UserId = userId! };
            db.SurveyResponses.Add(response);
        }

        response.ToldMyPart = input.ToldMyPart!.Value;
        response.StayedOnLearning = input.StayedOnLearning!.Value;
        response.UnderstandBetter = input.UnderstandBetter!.Value;
        response.Suggestion = input.Suggestion?.Trim() ?? "";
        response.AnsweredAt = Now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Survey results are for the review's facilitators and admins.</summary>
    public async Task<SurveyResults> SurveyResultsAsync(Guid reviewId, CancellationToken ct)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, ct, includeDeleted: true);
        await permissions.EnsureAsync(ReviewAction.ReadPrivateNotes, reviewId, ct);
        return Results(await db.SurveyResponses.AsNoTracking().Where(r => r.ReviewId == reviewId).ToListAsync(ct));
    }
}
