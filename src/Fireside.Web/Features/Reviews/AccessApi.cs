using Fireside.Core.Access;
using Fireside.Data;
using Fireside.Web.Features.Facilitation;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Features.Reviews;

/// <summary>
/// Who may read a review: the API (GET/POST/DELETE /api/reviews/{id}/access, requests for access) and the form
/// posts behind the facilitation page's "Who can read this" and the "ask for access" button. Every decision is
/// <see cref="AccessOperations"/>' (through <see cref="Permissions"/>).
/// </summary>
public static class AccessApi
{
    public sealed record GrantInput(string? Email);

    public sealed record RequestInput(string? Reason);

    public sealed record RequestAnswer(AccessRequestOutcome Outcome, DateTimeOffset RequestedAt, string Message);

    public static void MapAccessApi(this IEndpointRouteBuilder app)
    {
        var access = app.MapGroup("/api/reviews/{id:guid}").WithTags("Access");
        access.MapGet("/access", async Task<Ok<ReviewAccessView>> (Guid id, AccessOperations operations, CancellationToken ct) =>
            TypedResults.Ok(await operations.GetAsync(id, ct)))
            .WithSummary("Who may read the review: its visibility, the people granted access by name and (for its facilitators) the requests waiting.");
        access.MapPost("/access", async Task<Ok<GrantedPerson>> (Guid id, GrantInput input, AccessOperations operations, CancellationToken ct) =>
            TypedResults.Ok(await operations.GrantAsync(id, input.Email, ct)))
            .WithSummary("Grant a person access to a restricted review, by email (facilitators and admins).");
        access.MapDelete("/access", async Task<NoContent> (Guid id, string? email, AccessOperations operations, CancellationToken ct) =>
        {
            await operations.RevokeAsync(id, email, ct);
            return TypedResults.NoContent();
        }).WithSummary("Take back access granted by name (?email=); participants keep theirs (facilitators and admins).");
        access.MapPost("/access-requests", async Task<Ok<RequestAnswer>> (Guid id, RequestInput input, AccessOperations operations, Notifier notifier, IOptions<NotificationOptions> options, HttpContext http, CancellationToken ct) =>
        {
            var result = await AskAsync(id, input.Reason, operations, notifier, options.Value, http, ct);
            return TypedResults.Ok(new RequestAnswer(result.Outcome, new DateTimeOffset(result.RequestedAt, TimeSpan.Zero), Said(result)));
        }).WithSummary("Ask the facilitators of a restricted review for access (one waiting request per person).");
        access.MapDelete("/access-requests/{requestId:guid}", async Task<NoContent> (Guid id, Guid requestId, AccessOperations operations, CancellationToken ct) =>
        {
            await operations.DeclineAsync(id, requestId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Decline a request for access (facilitators and admins).");

        app.MapGroup("/api/reviews/{id:guid}").WithTags("History")
            .MapGet("/history", async Task<Ok<HistoryPage>> (Guid id, string? person, string? part, int? page, HistoryOperations history, CancellationToken ct) =>
                TypedResults.Ok(await history.ForReviewAsync(id, person, part, page ?? 1, ct)))
            .WithSummary("Every recorded change to the review, newest first, 50 a page; narrow by person (name) and part (review, moment, account, …).");
        app.MapPost("/api/reviews/{id:guid}/history/{changeId:long}/put-back", async Task<NoContent> (Guid id, long changeId, HistoryOperations history, CancellationToken ct) =>
            {
                await history.PutBackAsync(id, changeId, ct);
                return TypedResults.NoContent();
            })
            .WithTags("History")
            .WithSummary("Put back the text a field had before this change (a field of the review, a moment, an account, a takeaway, a factor or a remediation item); recorded in the history like any edit.");

        var pages = app.MapGroup("/reviews/{id:guid}").ExcludeFromDescription().RequireAntiforgery();
        pages.MapPost("/history/{changeId:long}/put-back", async (Guid id, long changeId, HistoryOperations history, CancellationToken ct) =>
            await FormPosts.BackAsync($"/reviews/{id}/history", "history", async () => await history.PutBackAsync(id, changeId, ct)));
        pages.MapPost("/access/visibility", async (Guid id, HttpContext http, AccessOperations operations, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await FormPosts.BackAsync($"/reviews/{id}/facilitation", "access", () =>
                operations.SetVisibilityAsync(id, Enum.TryParse<ReviewVisibility>(form["visibility"], ignoreCase: true, out var visibility) ? visibility : (ReviewVisibility)(-1), ct));
        });
        pages.MapPost("/access", async (Guid id, HttpContext http, AccessOperations operations, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await FormPosts.BackAsync($"/reviews/{id}/facilitation", "access", () => operations.GrantAsync(id, form["email"], ct));
        });
        pages.MapPost("/access/remove", async (Guid id, HttpContext http, AccessOperations operations, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await FormPosts.BackAsync($"/reviews/{id}/facilitation", "access", () => operations.RevokeAsync(id, form["email"], ct));
        });
        pages.MapPost("/access-requests/{requestId:guid}/decline", async (Guid id, Guid requestId, AccessOperations operations, CancellationToken ct) =>
            await FormPosts.BackAsync($"/reviews/{id}/facilitation", "access", () => operations.DeclineAsync(id, requestId, ct)));
        pages.MapPost("/access-requests", async (Guid id, HttpContext http, AccessOperations operations, Notifier notifier, IOptions<NotificationOptions> options, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            // Back to the review: its page says the request is waiting (read from the database, not from the address).
            return await FormPosts.BackAsync($"/reviews/{id}", "access", () => AskAsync(id, form["reason"], operations, notifier, options.Value, http, ct));
        });
    }

    /// <summary>Records the request and, the first time, tells the people who decide: by email with the title, and the shared channel without it.</summary>
    private static async Task<AccessRequestResult> AskAsync(Guid id, string? reason, AccessOperations operations, Notifier notifier, NotificationOptions options, HttpContext http, CancellationToken ct)
    {
        var result = await operations.RequestAsync(id, reason, ct);
        if (result.Outcome == AccessRequestOutcome.Asked)
        {
            var who = operations.Asker;
            var link = $"{FacilitationApi.ReviewUrl(http, options, id)}/facilitation#access";
            var note = string.IsNullOrWhiteSpace(reason) ? "" : $"\n\nTheir note: {reason.Trim()}";
            await notifier.SendAsync(new Notification(
                $"{who} asks to read “{result.Title}”",
                $"{who} would like to read the review “{result.Title}”, which is open only to the people involved. You can let them in, or decline, under “Who can read this” on its facilitation page.{note}",
                result.Deciders,
                link,
                Private: true), ct);
            await notifier.SendAsync(new Notification(
                "Someone asks to read a restricted review",
                $"{who} asked to read a review that is open only to the people involved. Its facilitators have been told by email.",
                [],
                link), ct);
        }

        return result;
    }

    private static string Said(AccessRequestResult result) => result.Outcome switch
    {
        AccessRequestOutcome.ReadsAlready => "You can read this review already.",
        AccessRequestOutcome.AskedBefore => $"You asked on {result.RequestedAt:yyyy-MM-dd}. Its facilitators have been told; they will let you in or tell you why not.",
        _ => "Its facilitators have been told. They will let you in or tell you why not.",
    };
}
