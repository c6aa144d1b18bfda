using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Features.Facilitation;

/// <summary>The plain form posts behind the facilitation pages; each goes back to the page, with a note when something needs another look.</summary>
public static class FacilitationPageEndpoints
{
    public static void MapFacilitationPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/reviews/{id:guid}/facilitation").ExcludeFromDescription().RequireAntiforgery();

        pages.MapPost("/participants", async (Guid id, HttpContext http, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var role = Enum.TryParse<ParticipantRole>(form["role"], ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (ParticipantRole?)null;
            return await BackAsync(id, "roles", () => facilitation.AddParticipantAsync(id, new ParticipantInput
            {
                Name = form["name"], Email = form["email"], Role = role, IsMainActor = form["isMainActor"] == "true", Team = form["team"],
            }, ct));
        });

        pages.MapPost("/participants/{participantId:guid}/remove", async (Guid id, Guid participantId, FacilitationOperations facilitation, CancellationToken ct) =>
            await BackAsync(id, "roles", () => facilitation.RemoveParticipantAsync(id, participantId, ct)));

        pages.MapPost("/settings", async (Guid id, HttpContext http, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            // The checkbox sits after a hidden "false", so a ticked box posts both values.
            return await BackAsync(id, "readiness", () => facilitation.SetTeamsAndCurationAsync(id,
                form.ContainsKey("teamsInvolved") ? ReviewRules.SplitList(form["teamsInvolved"]) : null,
                form.ContainsKey("timelineCurated") ? form["timelineCurated"].Contains("true") : null,
                ct));
        });

        pages.MapPost("/meeting", async (Guid id, HttpContext http, FacilitationOperations facilitation, UserTime time, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var errors = new ValidationErrors();
            var startsAt = time.ParseLocal(form["startsAt"], "startsAt", "Meeting time", errors);
            int? minutes = int.TryParse(form["durationMinutes"], out var m) ? m : null;
            return await BackAsync(id, "meeting", async () =>
            {
                ReviewOperations.Throw(errors);
                await facilitation.ScheduleAsync(id, new MeetingInput { StartsAt = startsAt, DurationMinutes = minutes, Location = form["location"] }, ct);
            });
        });

        pages.MapPost("/invite", async (Guid id, HttpContext http, FacilitationOperations facilitation, Notifier notifier, IOptions<NotificationOptions> options, CancellationToken ct) =>
        {
            NotifyResult? result = null;
            var back = await BackAsync(id, "meeting", async () =>
                result = await FacilitationApi.SendInviteAsync(facilitation, notifier, id, FacilitationApi.ReviewUrl(http, options.Value, id), ct));
            return result is null ? back : PageNotices.Redirect($"/reviews/{id}/facilitation", "meeting", NoticeKind.Done, result.Describe());
        });

        pages.MapPost("/request", async (Guid id, HttpContext http, FiresideDb db, FacilitationOperations facilitation, Notifier notifier, IOptions<NotificationOptions> options, CancellationToken ct) =>
        {
            NotifyResult? result = null;
            var back = await BackAsync(id, "roles", async () =>
                result = await FacilitationApi.RequestFacilitatorAsync(db, facilitation, notifier, id, FacilitationApi.ReviewUrl(http, options.Value, id), ct));
            return result is null ? back : PageNotices.Redirect($"/reviews/{id}/facilitation", "roles", NoticeKind.Done, result.Describe());
        });

        pages.MapPost("/private-notes", async (Guid id, HttpContext http, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var kind = Enum.TryParse<FacilitatorNoteKind>(form["kind"], ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (FacilitatorNoteKind?)null;
            return await BackAsync(id, "private-notes", () => facilitation.AddPrivateNoteAsync(id, kind, form["text"], ct));
        });

        pages.MapPost("/private-notes/{noteId:guid}/delete", async (Guid id, Guid noteId, FacilitationOperations facilitation, CancellationToken ct) =>
            await BackAsync(id, "private-notes", () => facilitation.DeletePrivateNoteAsync(id, noteId, ct)));

        pages.MapPost("/interviews/{participantId:guid}/account", async (Guid id, Guid participantId, HttpContext http, FacilitationOperations facilitation, ReviewOperations reviews, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var actor = await facilitation.FindParticipantAsync(id, participantId, ct);
            var entryId = Guid.TryParse(form["entryId"], out var e) ? e : Guid.Empty;
            try
            {
                await reviews.AddAccountAsync(id, entryId, new AccountInput
                {
                    Author = actor.Name, Saw = form["saw"], Believed = form["believed"], Did = form["did"], WhySensible = form["whySensible"],
                }, ct);
                return PageNotices.Redirect($"/reviews/{id}/interviews/{participantId}", null, NoticeKind.Done, $"Added {actor.Name}'s account to the timeline.");
            }
            catch (Exception ex) when (ex is DomainValidationException or NotFoundException)
            {
                var message = ex is DomainValidationException invalid ? invalid.Errors.Messages() : "Please choose the moment this account belongs to.";
                return PageNotices.Redirect($"/reviews/{id}/interviews/{participantId}", "to-account", NoticeKind.Problem, message);
            }
        });

        var people = app.MapGroup("/facilitators").ExcludeFromDescription().RequireAntiforgery();
        people.MapPost("/volunteer", async (HttpContext http, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            await facilitation.SetVolunteerAsync(form["volunteers"] == "true", ct);
            return Results.LocalRedirect("/facilitators");
        });

        // Not "/questions" itself: the question bank page answers there, and two endpoints on one path made the form fail.
        var questions = app.MapGroup("/questions").ExcludeFromDescription().RequireAntiforgery();
        questions.MapPost("/save", async (HttpContext http, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            Guid? questionId = Guid.TryParse(form["id"], out var q) ? q : null;
            return await FormPosts.BackAsync("/questions", "", () => facilitation.SaveQuestionAsync(questionId, form["theme"], form["text"], ct));
        });
        questions.MapPost("/{questionId:guid}/delete", async (Guid questionId, FacilitationOperations facilitation, CancellationToken ct) =>
            await FormPosts.BackAsync("/questions", "", () => facilitation.DeleteQuestionAsync(questionId, ct)));
    }

    private static Task<IResult> BackAsync(Guid id, string anchor, Func<Task> change) =>
        FormPosts.BackAsync($"/reviews/{id}/facilitation", anchor, change);
}
