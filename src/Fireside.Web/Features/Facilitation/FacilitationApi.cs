using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Features.Facilitation;

public static class FacilitationApi
{
    public static void MapFacilitationApi(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/reviews/{id:guid}").WithTags("Facilitation");

        review.MapGet("/facilitation", async (Guid id, FacilitationOperations facilitation, IOptions<FacilitationOptions> options, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await facilitation.ViewAsync(id, ct)))
            .WithSummary("Roles, guardrails (friendly warnings with reasons), deadlines, the readiness checklist, interviews and the meeting.");
        review.MapPut("/facilitation", async (Guid id, FacilitationSettings settings, FacilitationOperations facilitation, IOptions<FacilitationOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            await facilitation.SetTeamsAndCurationAsync(id, settings.TeamsInvolved, settings.TimelineCurated, ct);
            return TypedResults.Ok(await facilitation.ViewAsync(id, ct));
        }).WithSummary("Set the teams involved and whether the timeline is curated.");

        review.MapPost("/participants", async Task<Created<Participant>> (Guid id, ParticipantInput input, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var participant = await facilitation.AddParticipantAsync(id, input, ct);
            return TypedResults.Created($"/api/reviews/{id}/participants/{participant.Id}", participant);
        }).WithSummary("Add someone in a role: facilitator, coFacilitator, shadowFacilitator, noteTaker, actor (isMainActor) or attendee. Facilitator, co-facilitator and shadow roles are given by the review's facilitators or admins (or by anyone, while nobody facilitates it and it has no private notes).");
        review.MapDelete("/participants/{participantId:guid}", async Task<NoContent> (Guid id, Guid participantId, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            await facilitation.RemoveParticipantAsync(id, participantId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Take someone off the review (their interview goes with them).");

        review.MapPut("/interviews/{participantId:guid}", async Task<Ok<Interview>> (Guid id, Guid participantId, InterviewInput input, FacilitationOperations facilitation, CancellationToken ct) =>
            TypedResults.Ok(await facilitation.SaveInterviewAsync(id, participantId, input, ct)))
            .WithSummary("Record the prep interview with an actor (send its version when it exists already).");

        review.MapGet("/private-notes", async Task<Ok<List<FacilitatorNote>>> (Guid id, FacilitationOperations facilitation, CancellationToken ct) =>
            TypedResults.Ok(await facilitation.PrivateNotesAsync(id, ct))).WithSummary("Private facilitator notes: only the review's facilitator, co-facilitators and admins may read them (others get 403).");
        review.MapPost("/private-notes", async Task<Created<FacilitatorNote>> (Guid id, PrivateNoteInput input, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var note = await facilitation.AddPrivateNoteAsync(id, input.Kind, input.Text, ct);
            return TypedResults.Created($"/api/reviews/{id}/private-notes/{note.Id}", note);
        }).WithSummary("Add a private note: who may feel exposed, a topic to handle with care, or one to revisit later.");
        review.MapDelete("/private-notes/{noteId:guid}", async Task<NoContent> (Guid id, Guid noteId, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            await facilitation.DeletePrivateNoteAsync(id, noteId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a private note.");

        review.MapGet("/meeting", async Task<Ok<MeetingView>> (Guid id, FacilitationOperations facilitation, IOptions<FacilitationOptions> options, CancellationToken ct) =>
        {
            var facts = await facilitation.LoadFactsAsync(id, ct);
            return TypedResults.Ok(MeetingView.From(facts.Meeting ?? throw new NotFoundException("No meeting is proposed for this review yet."), facts.Review, options.Value));
        }).WithSummary("The proposed meeting, with how its time fits the deadlines.");
        review.MapPut("/meeting", async Task<Ok<MeetingView>> (Guid id, MeetingInput input, FacilitationOperations facilitation, IOptions<FacilitationOptions> options, CancellationToken ct) =>
        {
            var meeting = await facilitation.ScheduleAsync(id, input, ct);
            var facts = await facilitation.LoadFactsAsync(id, ct);
            return TypedResults.Ok(MeetingView.From(meeting, facts.Review, options.Value));
        }).WithSummary("Propose or move the meeting (60 minutes unless durationMinutes says otherwise). Moving it keeps the invitation's UID.");
        review.MapGet("/meeting.ics", async (Guid id, HttpContext http, FacilitationOperations facilitation, IOptions<NotificationOptions> notifications, CancellationToken ct) =>
        {
            var facts = await facilitation.LoadFactsAsync(id, ct);
            var meeting = facts.Meeting ?? throw new NotFoundException("No meeting is proposed for this review yet, so there is no invitation to download.");
            var ics = MeetingCalendar.ToIcs(facts.Review, meeting, facts.Participants, ReviewUrl(http, notifications.Value, id));
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), MeetingCalendar.ContentType, $"review-{ReviewsSlug(facts.Review)}.ics");
        }).WithSummary("The meeting invitation as iCalendar (.ics): actors required, everyone else optional.");
        review.MapPost("/invite", async Task<Ok<NotifyResult>> (Guid id, HttpContext http, FacilitationOperations facilitation, Notifier notifier, IOptions<NotificationOptions> notifications, CancellationToken ct) =>
            TypedResults.Ok(await SendInviteAsync(facilitation, notifier, id, ReviewUrl(http, notifications.Value, id), ct)))
            .WithSummary("Send the invitation by email (with the .ics) to everyone with an address, and to the webhook.");
        review.MapPost("/request-facilitator", async Task<Ok<NotifyResult>> (Guid id, HttpContext http, FiresideDb db, FacilitationOperations facilitation, Notifier notifier, IOptions<NotificationOptions> notifications, CancellationToken ct) =>
            TypedResults.Ok(await RequestFacilitatorAsync(db, facilitation, notifier, id, ReviewUrl(http, notifications.Value, id), ct)))
            .WithSummary("Ask the pool of volunteer facilitators (people who said they would) to pick up this review.");

        app.MapGet("/api/needs-attention", async (FiresideDb db, FacilitationOperations facilitation, IOptions<FacilitationOptions> options, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await facilitation.NeedsAttentionAsync(ct)))
            .WithTags("Facilitation").WithSummary("Reviews past or near a deadline, without a facilitator, or with actors not yet interviewed.");
        app.MapGet("/api/facilitators", async (FacilitationOperations facilitation, CancellationToken ct) => TypedResults.Ok(await facilitation.HistoryAsync(ct)))
            .WithTags("Facilitation").WithSummary("Each person's facilitation history, so shadows can pair with experienced facilitators.");
        app.MapPut("/api/me/volunteer", async (VolunteerInput input, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            await facilitation.SetVolunteerAsync(input.Volunteers, ct);
            return TypedResults.NoContent();
        }).WithTags("Facilitation").WithSummary("Join or leave the pool of volunteer facilitators.");

        var questions = app.MapGroup("/api/questions").WithTags("Facilitation");
        questions.MapGet("/", async (FacilitationOperations facilitation, CancellationToken ct) => TypedResults.Ok(await facilitation.QuestionsAsync(ct)))
            .WithSummary("The question bank: looking-deeper prompts for interviews and the meeting.");
        questions.MapPost("/", async Task<Created<BankQuestion>> (QuestionInput input, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            var question = await facilitation.SaveQuestionAsync(null, input.Theme, input.Text, ct);
            return TypedResults.Created($"/api/questions/{question.Id}", question);
        }).WithSummary("Add a question (admins).");
        questions.MapPut("/{questionId:guid}", async Task<Ok<BankQuestion>> (Guid questionId, QuestionInput input, FacilitationOperations facilitation, CancellationToken ct) =>
            TypedResults.Ok(await facilitation.SaveQuestionAsync(questionId, input.Theme, input.Text, ct)))
            .WithSummary("Change a question (admins).");
        questions.MapDelete("/{questionId:guid}", async Task<NoContent> (Guid questionId, FacilitationOperations facilitation, CancellationToken ct) =>
        {
            await facilitation.DeleteQuestionAsync(questionId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a question (admins).");
    }

    public sealed record VolunteerInput(bool Volunteers);

    public static async Task<NotifyResult> SendInviteAsync(FacilitationOperations facilitation, Notifier notifier, Guid id, string reviewUrl, CancellationToken ct)
    {
        await facilitation.Permissions.EnsureAsync(Fireside.Core.Access.ReviewAction.Contribute, id, ct);
        var facts = await facilitation.LoadFactsAsync(id, ct);
        var meeting = facts.Meeting ?? throw DomainValidationException.For("meeting", "Propose a meeting time first; the invitation carries it.");
        var to = facts.Participants.Where(p => p.Email is not null).GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase).Select(g => (g.First().Name, g.Key)).ToList();
        var when = $"{meeting.StartsAt:yyyy-MM-dd HH:mm} UTC, {meeting.DurationMinutes} minutes{(meeting.Location is null ? "" : $", {meeting.Location}")}";
        var result = await notifier.SendAsync(new Notification(
            $"Review: {facts.Review.Title} ({meeting.StartsAt:yyyy-MM-dd HH:mm} UTC)",
            $"You are invited to the review of \"{facts.Review.Title}\", {when}. The people who took part will tell the story together. Actors are asked to come; everyone else is welcome and free to skip.",
            to,
            reviewUrl,
            MeetingCalendar.ToIcs(facts.Review, meeting, facts.Participants, reviewUrl),
            // A restricted review's title never goes to a shared channel (the webhook): the invited get it by email.
            Private: facts.Review.Visibility == Fireside.Core.Access.ReviewVisibility.Restricted), ct);
        if (result.Sent.Count > 0)
        {
            await facilitation.MarkInviteSentAsync(id, ct);
        }

        return result;
    }

    public static async Task<NotifyResult> RequestFacilitatorAsync(FiresideDb db, FacilitationOperations facilitation, Notifier notifier, Guid id, string reviewUrl, CancellationToken ct)
    {
        await facilitation.Permissions.EnsureAsync(Fireside.Core.Access.ReviewAction.Contribute, id, ct);
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw ReviewOperations.MissingReview(id);
        var volunteers = await db.Users.Where(u => u.VolunteersToFacilitate && u.Email != null).Select(u => new { u.DisplayName, u.Email }).ToListAsync(ct);
        if (review.Visibility == Fireside.Core.Access.ReviewVisibility.Restricted)
        {
            // The volunteers are not in the review yet: they hear that help is wanted, never its title.
            return await notifier.SendAsync(new Notification(
                "A restricted review needs a facilitator",
                "A review that is open only to the people involved is looking for a facilitator. If you have an hour for the meeting (and a little time to prepare), ask for access from the link, and its people will add you.",
                [.. volunteers.Select(v => (v.DisplayName, v.Email!))],
                reviewUrl), ct);
        }

        return await notifier.SendAsync(new Notification(
            $"A review needs a facilitator: {review.Title}",
            $"\"{review.Title}\" is looking for a facilitator. If you were not involved in the incident and have an hour for the meeting (and a little time to prepare), reply or pick it up in Fireside.",
            [.. volunteers.Select(v => (v.DisplayName, v.Email!))],
            reviewUrl), ct);
    }

    /// <summary>The review's address for people outside this request: the configured public address, else the one this request came in on.</summary>
    public static string ReviewUrl(HttpContext http, NotificationOptions options, Guid id) =>
        $"{options.SiteUrl(http)}/reviews/{id}";

    private static string ReviewsSlug(Review review) => Reviews.ReviewsApi.Slug(review.Title);
}
