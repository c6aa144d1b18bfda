using Fireside.Core;
using Fireside.Data;
using Fireside.Web.Features.Facilitation;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.After;

public static class AfterApi
{
    public static void MapAfterApi(this IEndpointRouteBuilder app)
    {
        var after = app.MapGroup("/api/reviews/{id:guid}").WithTags("After the meeting");
        after.MapGet("/outcome", async (Guid id, HttpContext http, FiresideDb db, CancellationToken ct) =>
            TypedResults.Ok(await Outcomes.LoadAsync(db, id, http.User.UserId(), await FacilitationApi.IsFacilitatorOrAdminAsync(db, id, http, ct), ct)))
            .WithSummary("Takeaways, contributing factors, remediation items, your survey answers and (for facilitators) the survey's results.");
        after.MapPost("/takeaways", async (Guid id, TakeawayInput input, HttpContext http, FiresideDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await Outcomes.AddTakeawayAsync(db, id, input, http.User.DisplayName(), clock.GetUtcNow().UtcDateTime, ct)))
            .WithSummary("Add a takeaway: what surprised us, what we believed before, what we believe now.");
        after.MapPost("/factors", async (Guid id, FactorInput input, FiresideDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await Outcomes.AddFactorAsync(db, id, input, clock.GetUtcNow().UtcDateTime, ct)))
            .WithSummary("Add a contributing factor (a review lists as many as shaped the incident).");
        after.MapPost("/remediation", async (Guid id, RemediationInput input, FiresideDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await Outcomes.AddRemediationAsync(db, id, input, clock.GetUtcNow().UtcDateTime, ct)))
            .WithSummary("Add an optional remediation item with an owner and a link to the team's tracker.");
        after.MapDelete("/{what:regex(^(takeaways|factors|remediation)$)}/{itemId:guid}", async Task<NoContent> (Guid id, string what, Guid itemId, FiresideDb db, CancellationToken ct) =>
        {
            await Outcomes.RemoveAsync(db, id, what, itemId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a takeaway, contributing factor or remediation item.");
        after.MapPut("/survey", async Task<NoContent> (Guid id, SurveyInput input, HttpContext http, FiresideDb db, TimeProvider clock, CancellationToken ct) =>
        {
            await Outcomes.AnswerSurveyAsync(db, id, http.User.UserId()!, input, clock.GetUtcNow().UtcDateTime, ct);
            return TypedResults.NoContent();
        }).WithSummary("Answer the short survey about how the review went (1 to 5 for each statement, and a suggestion).");
        after.MapGet("/survey/results", async Task<Ok<SurveyResults>> (Guid id, HttpContext http, FiresideDb db, CancellationToken ct) =>
        {
            var outcome = await Outcomes.LoadAsync(db, id, http.User.UserId(), await FacilitationApi.IsFacilitatorOrAdminAsync(db, id, http, ct), ct);
            return TypedResults.Ok(outcome.SurveyResults ?? throw new ForbiddenException("The survey's results are for the review's facilitators."));
        }).WithSummary("The survey's results (facilitators and admins).");
        after.MapPost("/publish", async Task<NoContent> (Guid id, HttpContext http, FiresideDb db, TimeProvider clock, CancellationToken ct) =>
        {
            await Outcomes.PublishAsync(db, id, await FacilitationApi.IsFacilitatorOrAdminAsync(db, id, http, ct), clock.GetUtcNow().UtcDateTime, ct);
            return TypedResults.NoContent();
        }).WithSummary("Publish the review (facilitators and admins).");
    }
}
