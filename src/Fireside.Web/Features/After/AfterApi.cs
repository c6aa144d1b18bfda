using Fireside.Core.Reviews;
using Fireside.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.After;

public static class AfterApi
{
    public static void MapAfterApi(this IEndpointRouteBuilder app)
    {
        var after = app.MapGroup("/api/reviews/{id:guid}").WithTags("After the meeting");
        after.MapGet("/outcome", async (Guid id, AfterOperations outcomes, CancellationToken ct) =>
            TypedResults.Ok(await outcomes.LoadAsync(id, ct)))
            .WithSummary("Takeaways, contributing factors, remediation items, your survey answers and (for facilitators) the survey's results.");
        after.MapPost("/takeaways", async (Guid id, TakeawayInput input, AfterOperations outcomes, CancellationToken ct) =>
            TypedResults.Ok(await outcomes.AddTakeawayAsync(id, input, ct)))
            .WithSummary("Add a takeaway: what surprised us, what we believed before, what we believe now.");
        after.MapPost("/factors", async (Guid id, FactorInput input, AfterOperations outcomes, CancellationToken ct) =>
            TypedResults.Ok(await outcomes.AddFactorAsync(id, input, ct)))
            .WithSummary("Add a contributing factor (a review lists as many as shaped the incident).");
        after.MapPost("/remediation", async (Guid id, RemediationInput input, AfterOperations outcomes, CancellationToken ct) =>
            TypedResults.Ok(await outcomes.AddRemediationAsync(id, input, ct)))
            .WithSummary("Add an optional remediation item with an owner and a link to the team's tracker.");
        after.MapDelete("/{what:regex(^(takeaways|factors|remediation)$)}/{itemId:guid}", async Task<NoContent> (Guid id, string what, Guid itemId, AfterOperations outcomes, CancellationToken ct) =>
        {
            await outcomes.RemoveAsync(id, what, itemId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a takeaway, contributing factor or remediation item.");
        after.MapPut("/survey", async Task<NoContent> (Guid id, SurveyInput input, AfterOperations outcomes, CancellationToken ct) =>
        {
            await outcomes.AnswerSurveyAsync(id, input, ct);
            return TypedResults.NoContent();
        }).WithSummary("Answer the short survey about how the review went (1 to 5 for each statement, and a suggestion).");
        after.MapGet("/survey/results", async Task<Ok<SurveyResults>> (Guid id, AfterOperations outcomes, CancellationToken ct) =>
            TypedResults.Ok(await outcomes.SurveyResultsAsync(id, ct)))
            .WithSummary("The survey's results (facilitators and admins).");
        after.MapGet("/checklist", async Task<Ok<IReadOnlyList<PublishCheck>>> (Guid id, AfterOperations outcomes, CancellationToken ct) =>
            TypedResults.Ok(await outcomes.ChecklistAsync(id, ct)))
            .WithSummary("The publish checklist: the coach's notes answered, the meeting held, takeaways written, more than one contributing factor; each with met and a detail.");
        after.MapPost("/publish", async Task<NoContent> (Guid id, PublishInput? input, AfterOperations outcomes, CancellationToken ct) =>
        {
            await outcomes.PublishAsync(id, input?.Skipped, ct);
            return TypedResults.NoContent();
        }).WithSummary("Publish the review (facilitators and admins). Every checklist item still open needs a reason in skipped (by key); the reasons go into the history. A published review is read-only until it is reopened.");
        after.MapPost("/unpublish", async Task<NoContent> (Guid id, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.SetStatusAsync(id, ReviewStatus.Reviewed, ct);
            return TypedResults.NoContent();
        }).WithSummary("Reopen a published review: it goes back to Reviewed and can be changed again (facilitators and admins; the history records it).");
    }
}
