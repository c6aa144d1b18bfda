using Fireside.Core;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.After;

public sealed record TakeawayInput(string? SurprisedBy, string? BelievedBefore, string? BelieveNow);

public sealed record FactorInput(string? Text);

public sealed record RemediationInput(string? Text, string? Owner, string? TrackerUrl);

public sealed record SurveyInput(int? ToldMyPart, int? StayedOnLearning, int? UnderstandBetter, string? Suggestion);

public sealed record SurveyResults(int Responses, double? ToldMyPart, double? StayedOnLearning, double? UnderstandBetter, IReadOnlyList<string> Suggestions);

/// <summary>What the review leaves behind: takeaways, contributing factors, optional remediation, and how the review went.</summary>
public sealed record Outcome(
    ReviewStatus Status,
    IReadOnlyList<Takeaway> Takeaways,
    IReadOnlyList<ContributingFactor> ContributingFactors,
    string? FactorsNote,
    IReadOnlyList<RemediationItem> Remediation,
    IReadOnlyList<string> SurveyStatements,
    SurveyResponse? MySurvey,
    SurveyResults? SurveyResults);

/// <summary>Changes after the meeting, shared by the page and the API.</summary>
public static class Outcomes
{
    public static async Task<Outcome> LoadAsync(FiresideDb db, Guid reviewId, string? userId, bool mayReadResults, CancellationToken ct = default)
    {
        var status = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => (ReviewStatus?)r.Status).FirstOrDefaultAsync(ct)
            ?? throw ReviewChanges.MissingReview(reviewId);
        var factors = await db.ContributingFactors.AsNoTracking().Where(f => f.ReviewId == reviewId).OrderBy(f => f.CreatedAt).ToListAsync(ct);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.ReviewId == reviewId).ToListAsync(ct);
        return new Outcome(
            status,
            await db.Takeaways.AsNoTracking().Where(t => t.ReviewId == reviewId).OrderBy(t => t.CreatedAt).ToListAsync(ct),
            factors,
            Survey.FactorsNote(factors.Count),
            await db.RemediationItems.AsNoTracking().Where(r => r.ReviewId == reviewId).OrderBy(r => r.CreatedAt).ToListAsync(ct),
            Survey.Statements,
            responses.FirstOrDefault(r => r.UserId == userId),
            mayReadResults ? Results(responses) : null);
    }

    public static SurveyResults Results(IReadOnlyList<SurveyResponse> responses) => new(
        responses.Count,
        responses.Count == 0 ? null : Math.Round(responses.Average(r => r.ToldMyPart), 1),
        responses.Count == 0 ? null : Math.Round(responses.Average(r => r.StayedOnLearning), 1),
        responses.Count == 0 ? null : Math.Round(responses.Average(r => r.UnderstandBetter), 1),
        [.. responses.Where(r => r.Suggestion.Length > 0).Select(r => r.Suggestion)]);

    public static async Task<Takeaway> AddTakeawayAsync(FiresideDb db, Guid reviewId, TakeawayInput input, string? by, DateTime now, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (new[] { input.SurprisedBy, input.BelievedBefore, input.BelieveNow }.All(string.IsNullOrWhiteSpace))
        {
            errors.Add("surprisedBy", "A takeaway needs at least one part: what surprised us, what we believed before, or what we believe now.");
        }

        ReviewRules.CheckLength(errors, "surprisedBy", "\"what surprised us\" part", input.SurprisedBy, ReviewRules.EntryTextMaxLength);
        ReviewRules.CheckLength(errors, "believedBefore", "\"what we believed before\" part", input.BelievedBefore, ReviewRules.EntryTextMaxLength);
        ReviewRules.CheckLength(errors, "believeNow", "\"what we believe now\" part", input.BelieveNow, ReviewRules.EntryTextMaxLength);

        ReviewChanges.Throw(errors);
        await ReviewChanges.RequireReviewAsync(db, reviewId, ct);
        var takeaway = new Takeaway { ReviewId = reviewId, SurprisedBy = input.SurprisedBy?.Trim() ?? "", BelievedBefore = input.BelievedBefore?.Trim() ?? "", BelieveNow = input.BelieveNow?.Trim() ?? "", CreatedBy = by, CreatedAt = now };
        db.Takeaways.Add(takeaway);
        await db.SaveChangesAsync(ct);
        return takeaway;
    }

    public static async Task<ContributingFactor> AddFactorAsync(FiresideDb db, Guid reviewId, FactorInput input, DateTime now, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add("text", "Please describe the factor: a tool, a pressure, a change, something people knew or did not.");
        }

        ReviewRules.CheckLength(errors, "text", "factor", input.Text, ReviewRules.EntryTextMaxLength);
        ReviewChanges.Throw(errors);
        await ReviewChanges.RequireReviewAsync(db, reviewId, ct);
        var factor = new ContributingFactor { ReviewId = reviewId, Text = input.Text!.Trim(), CreatedAt = now };
        db.ContributingFactors.Add(factor);
        await db.SaveChangesAsync(ct);
        return factor;
    }

    public static async Task<RemediationItem> AddRemediationAsync(FiresideDb db, Guid reviewId, RemediationInput input, DateTime now, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add("text", "Please say what might change.");
        }

        ReviewRules.CheckLength(errors, "text", "remediation item", input.Text, ReviewRules.EntryTextMaxLength);
        ReviewRules.CheckLength(errors, "owner", "owner's name", input.Owner, ReviewRules.ActorMaxLength);
        ReviewRules.CheckLink(errors, "trackerUrl", input.TrackerUrl);
        ReviewChanges.Throw(errors);
        await ReviewChanges.RequireReviewAsync(db, reviewId, ct);
        var item = new RemediationItem
        {
            ReviewId = reviewId,
            Text = input.Text!.Trim(),
            Owner = string.IsNullOrWhiteSpace(input.Owner) ? null : input.Owner.Trim(),
            TrackerUrl = string.IsNullOrWhiteSpace(input.TrackerUrl) ? null : input.TrackerUrl.Trim(),
            CreatedAt = now,
        };
        db.RemediationItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    public static async Task RemoveAsync(FiresideDb db, Guid reviewId, string what, Guid itemId, CancellationToken ct = default)
    {
        var removed = what switch
        {
            "takeaways" => await db.Takeaways.Where(t => t.ReviewId == reviewId && t.Id == itemId).ExecuteDeleteAsync(ct),
            "factors" => await db.ContributingFactors.Where(f => f.ReviewId == reviewId && f.Id == itemId).ExecuteDeleteAsync(ct),
            "remediation" => await db.RemediationItems.Where(r => r.ReviewId == reviewId && r.Id == itemId).ExecuteDeleteAsync(ct),
            _ => 0,
        };
        if (removed == 0)
        {
            throw new NotFoundException($"There is nothing with id {itemId} among this review's {what}.");
        }
    }

    /// <summary>Records (or changes) one person's answers; each person answers once.</summary>
    public static async Task AnswerSurveyAsync(FiresideDb db, Guid reviewId, string userId, SurveyInput input, DateTime now, CancellationToken ct = default)
    {
        ReviewChanges.Throw(Survey.Validate(input.ToldMyPart, input.StayedOnLearning, input.UnderstandBetter, input.Suggestion));
        await ReviewChanges.RequireReviewAsync(db, reviewId, ct);
        var response = await db.SurveyResponses.FirstOrDefaultAsync(r => r.ReviewId == reviewId && r.UserId == userId, ct);
        if (response is null)
        {
            response = new SurveyResponse { ReviewId = reviewId, UserId = userId };
            db.SurveyResponses.Add(response);
        }

        response.ToldMyPart = input.ToldMyPart!.Value;
        response.StayedOnLearning = input.StayedOnLearning!.Value;
        response.UnderstandBetter = input.UnderstandBetter!.Value;
        response.Suggestion = input.Suggestion?.Trim() ?? "";
        response.AnsweredAt = now;
        await db.SaveChangesAsync(ct);
    }

    public static async Task PublishAsync(FiresideDb db, Guid reviewId, bool mayPublish, DateTime now, CancellationToken ct = default)
    {
        if (!mayPublish)
        {
            throw new ForbiddenException("The review's facilitators (or an admin) publish it.");
        }

        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw ReviewChanges.MissingReview(reviewId);
        review.Status = ReviewStatus.Published;
        review.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }
}
