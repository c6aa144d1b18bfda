using Fireside.Core;
using Fireside.Data;
using Fireside.Web.Features.Facilitation;
using Fireside.Web.Infrastructure;

namespace Fireside.Web.Features.After;

/// <summary>Plain form posts behind the "after the meeting" page.</summary>
public static class AfterPageEndpoints
{
    public static void MapAfterPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/reviews/{id:guid}/after").ExcludeFromDescription().RequireAntiforgery();

        pages.MapPost("/takeaways", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            return await BackAsync(id, "takeaways", () => Outcomes.AddTakeawayAsync(db, id, new TakeawayInput(form["surprisedBy"], form["believedBefore"], form["believeNow"]), http.User.DisplayName(), clock.GetUtcNow().UtcDateTime));
        });
        pages.MapPost("/factors", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            return await BackAsync(id, "factors", () => Outcomes.AddFactorAsync(db, id, new FactorInput(form["text"]), clock.GetUtcNow().UtcDateTime));
        });
        pages.MapPost("/remediation", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            return await BackAsync(id, "remediation", () => Outcomes.AddRemediationAsync(db, id, new RemediationInput(form["text"], form["owner"], form["trackerUrl"]), clock.GetUtcNow().UtcDateTime));
        });
        pages.MapPost("/{what:regex(^(takeaways|factors|remediation)$)}/{itemId:guid}/remove", async (Guid id, string what, Guid itemId, FiresideDb db) =>
            await BackAsync(id, what, () => Outcomes.RemoveAsync(db, id, what, itemId)));
        pages.MapPost("/survey", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            int? Score(string name) => int.TryParse(form[name], out var v) ? v : null;
            return await BackAsync(id, "survey", () => Outcomes.AnswerSurveyAsync(db, id, http.User.UserId()!,
                new SurveyInput(Score("toldMyPart"), Score("stayedOnLearning"), Score("understandBetter"), form["suggestion"]), clock.GetUtcNow().UtcDateTime));
        });
        pages.MapPost("/publish", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
            await BackAsync(id, "publish", async () => await Outcomes.PublishAsync(db, id, await FacilitationApi.IsFacilitatorOrAdminAsync(db, id, http, http.RequestAborted), clock.GetUtcNow().UtcDateTime)));
    }

    private static Task<IResult> BackAsync(Guid id, string anchor, Func<Task> change) =>
        FormPosts.BackAsync($"/reviews/{id}/after", anchor, change);
}
