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

        pages.MapPost("/participants", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            var role = Enum.TryParse<ParticipantRole>(form["role"], ignoreCase: true, out var parsed) ? parsed : (ParticipantRole?)null;
            if (role is ParticipantRole.Facilitator or ParticipantRole.CoFacilitator && !await FacilitationApi.MayManageFacilitatorsAsync(db, id, http, http.RequestAborted))
            {
                return Results.LocalRedirect($"/reviews/{id}/facilitation?problem={Uri.EscapeDataString(FacilitationApi.FacilitatorsOnlyMessage)}#roles");
            }

            return await BackAsync(id, "roles", () => FacilitationChanges.AddParticipantAsync(db, id, new ParticipantInput
            {
                Name = form["name"], Email = form["email"], Role = role, IsMainActor = form["isMainActor"] == "true", Team = form["team"],
            }, clock.GetUtcNow().UtcDateTime));
        });

        pages.MapPost("/participants/{participantId:guid}/remove", async (Guid id, Guid participantId, HttpContext http, FiresideDb db) =>
        {
            var participant = await FacilitationChanges.FindParticipantAsync(db, id, participantId);
            if (participant.IsFacilitating && !await FacilitationApi.MayManageFacilitatorsAsync(db, id, http, http.RequestAborted))
            {
                return Results.LocalRedirect($"/reviews/{id}/facilitation?problem={Uri.EscapeDataString(FacilitationApi.FacilitatorsOnlyMessage)}#roles");
            }

            return await BackAsync(id, "roles", () => FacilitationChanges.RemoveParticipantAsync(db, id, participantId));
        });

        pages.MapPost("/settings", async (Guid id, HttpContext http, FiresideDb db) =>
        {
            var form = await http.Request.ReadFormAsync();
            return await BackAsync(id, "readiness", () => FacilitationChanges.SetTeamsAndCurationAsync(db, id,
                form.ContainsKey("teamsInvolved") ? ReviewRules.SplitList(form["teamsInvolved"]) : null,
                form.ContainsKey("timelineCurated") ? form["timelineCurated"] == "true" : null));
        });

        pages.MapPost("/meeting", async (Guid id, HttpContext http, FiresideDb db, UserTime time, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            var errors = new ValidationErrors();
            var startsAt = time.ParseLocal(form["startsAt"], "startsAt", "Meeting time", errors);
            int? minutes = int.TryParse(form["durationMinutes"], out var m) ? m : null;
            return await BackAsync(id, "meeting", async () =>
            {
                if (!errors.IsValid)
                {
                    throw new DomainValidationException(errors);
                }

                await FacilitationChanges.ScheduleAsync(db, id, new MeetingInput { StartsAt = startsAt, DurationMinutes = minutes, Location = form["location"] }, clock.GetUtcNow().UtcDateTime);
            });
        });

        pages.MapPost("/invite", async (Guid id, HttpContext http, FiresideDb db, Notifier notifier, IOptions<NotificationOptions> options, TimeProvider clock) =>
        {
            NotifyResult? result = null;
            var back = await BackAsync(id, "meeting", async () =>
                result = await FacilitationApi.SendInviteAsync(db, notifier, id, FacilitationApi.ReviewUrl(http, options.Value, id), clock.GetUtcNow().UtcDateTime, http.RequestAborted));
            return result is null ? back : Results.LocalRedirect($"/reviews/{id}/facilitation?done={Uri.EscapeDataString(result.Describe())}#meeting");
        });

        pages.MapPost("/request", async (Guid id, HttpContext http, FiresideDb db, Notifier notifier, IOptions<NotificationOptions> options) =>
        {
            var result = await FacilitationApi.RequestFacilitatorAsync(db, notifier, id, FacilitationApi.ReviewUrl(http, options.Value, id), http.RequestAborted);
            return Results.LocalRedirect($"/reviews/{id}/facilitation?done={Uri.EscapeDataString(result.Describe())}#roles");
        });

        pages.MapPost("/private-notes", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            if (!await FacilitationApi.IsFacilitatorOrAdminAsync(db, id, http, http.RequestAborted))
            {
                return Results.Forbid();
            }

            var form = await http.Request.ReadFormAsync();
            var kind = Enum.TryParse<FacilitatorNoteKind>(form["kind"], ignoreCase: true, out var parsed) ? parsed : (FacilitatorNoteKind?)null;
            return await BackAsync(id, "private-notes", () => FacilitationChanges.AddPrivateNoteAsync(db, id, kind, form["text"], http.User.UserId(), clock.GetUtcNow().UtcDateTime));
        });

        pages.MapPost("/private-notes/{noteId:guid}/delete", async (Guid id, Guid noteId, HttpContext http, FiresideDb db) =>
        {
            if (!await FacilitationApi.IsFacilitatorOrAdminAsync(db, id, http, http.RequestAborted))
            {
                return Results.Forbid();
            }

            return await BackAsync(id, "private-notes", () => FacilitationChanges.DeletePrivateNoteAsync(db, id, noteId));
        });

        pages.MapPost("/interviews/{participantId:guid}/account", async (Guid id, Guid participantId, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            var actor = await FacilitationChanges.FindParticipantAsync(db, id, participantId);
            var entryId = Guid.TryParse(form["entryId"], out var e) ? e : Guid.Empty;
            try
            {
                await ReviewChanges.AddAccountAsync(db, id, entryId, new AccountInput
                {
                    Author = actor.Name, Saw = form["saw"], Believed = form["believed"], Did = form["did"], WhySensible = form["whySensible"],
                }, http.User.UserId(), clock.GetUtcNow().UtcDateTime);
                return Results.LocalRedirect($"/reviews/{id}/interviews/{participantId}?done={Uri.EscapeDataString($"Added {actor.Name}'s account to the timeline.")}");
            }
            catch (Exception ex) when (ex is DomainValidationException or NotFoundException)
            {
                var message = ex is DomainValidationException invalid ? invalid.Errors.Messages() : "Please choose the moment this account belongs to.";
                return Results.LocalRedirect($"/reviews/{id}/interviews/{participantId}?problem={Uri.EscapeDataString(message)}#to-account");
            }
        });

        var people = app.MapGroup("/facilitators").ExcludeFromDescription().RequireAntiforgery();
        people.MapPost("/volunteer", async (HttpContext http, FiresideDb db) =>
        {
            var form = await http.Request.ReadFormAsync();
            var user = await db.Users.FindAsync(http.User.UserId());
            if (user is not null)
            {
                user.VolunteersToFacilitate = form["volunteers"] == "true";
                await db.SaveChangesAsync();
            }

            return Results.LocalRedirect("/facilitators");
        });

        var questions = app.MapGroup("/questions").ExcludeFromDescription().RequireAntiforgery().RequireAuthorization(Policies.Admin);
        questions.MapPost("/", async (HttpContext http, FiresideDb db) =>
        {
            var form = await http.Request.ReadFormAsync();
            Guid? questionId = Guid.TryParse(form["id"], out var q) ? q : null;
            try
            {
                await FacilitationChanges.SaveQuestionAsync(db, questionId, form["theme"], form["text"]);
                return Results.LocalRedirect("/questions");
            }
            catch (DomainValidationException invalid)
            {
                return Results.LocalRedirect($"/questions?problem={Uri.EscapeDataString(invalid.Errors.Messages())}");
            }
        });
        questions.MapPost("/{questionId:guid}/delete", async (Guid questionId, FiresideDb db) =>
        {
            await FacilitationChanges.DeleteQuestionAsync(db, questionId);
            return Results.LocalRedirect("/questions");
        });
    }

    private static Task<IResult> BackAsync(Guid id, string anchor, Func<Task> change) =>
        FormPosts.BackAsync($"/reviews/{id}/facilitation", anchor, change);
}
