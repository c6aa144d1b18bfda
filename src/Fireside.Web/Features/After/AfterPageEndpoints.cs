using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;

namespace Fireside.Web.Features.After;

/// <summary>Plain form posts behind the "after the meeting" page.</summary>
public static class AfterPageEndpoints
{
    public static void MapAfterPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/reviews/{id:guid}/after").ExcludeFromDescription().RequireAntiforgery();

        pages.MapPost("/takeaways", async (Guid id, HttpContext http, AfterOperations outcomes, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await BackAsync(id, "takeaways", () => outcomes.AddTakeawayAsync(id, new TakeawayInput(form["surprisedBy"], form["believedBefore"], form["believeNow"]), ct));
        });
        pages.MapPost("/factors", async (Guid id, HttpContext http, AfterOperations outcomes, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await BackAsync(id, "factors", () => outcomes.AddFactorAsync(id, new FactorInput(form["text"]), ct));
        });
        pages.MapPost("/factors/{factorId:guid}/themes", async (Guid id, Guid factorId, HttpContext http, ThemeOperations themes, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await BackAsync(id, "factors", () => themes.SetFactorThemesAsync(id, factorId, [.. form["themes"].Select(t => t ?? "")], ct));
        });
        pages.MapPost("/remediation", async (Guid id, HttpContext http, AfterOperations outcomes, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await BackAsync(id, "remediation", () => outcomes.AddRemediationAsync(id, new RemediationInput(form["text"], form["owner"], form["trackerUrl"]), ct));
        });
        pages.MapPost("/{what:regex(^(takeaways|factors|remediation)$)}/{itemId:guid}/remove", async (Guid id, string what, Guid itemId, AfterOperations outcomes, CancellationToken ct) =>
            await BackAsync(id, what, () => outcomes.RemoveAsync(id, what, itemId, ct)));
        pages.MapPost("/survey", async (Guid id, HttpContext http, AfterOperations outcomes, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            int? Score(string name) => int.TryParse(form[name], out var v) ? v : null;
            return await BackAsync(id, "survey", () => outcomes.AnswerSurveyAsync(id,
                new SurveyInput(Score("toldMyPart"), Score("stayedOnLearning"), Score("understandBetter"), form["suggestion"]), ct));
        });
        pages.MapPost("/unpublish", async (Guid id, ReviewOperations reviews, CancellationToken ct) =>
            await BackAsync(id, "publish", () => reviews.SetStatusAsync(id, ReviewStatus.Reviewed, ct)));
    }

    private static Task<IResult> BackAsync(Guid id, string anchor, Func<Task> change) =>
        FormPosts.BackAsync($"/reviews/{id}/after", anchor, change);
}
