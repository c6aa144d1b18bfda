using Fireside.Core.Meetings;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.Room;

public sealed record PinInput(string? Text);

public sealed record NoteInput(string? Key, string? Text);

public sealed record PinDoneInput(bool Done);

/// <summary>The room over plain HTTP, for scripts and for screens without a live connection; every change still reaches the live screens.</summary>
public static class RoomApi
{
    public static void MapRoomApi(this IEndpointRouteBuilder app)
    {
        app.MapHub<RoomHub>("/hubs/room");

        app.MapPost("/reviews/{id:guid}/room/agenda", async (Guid id, HttpContext http, RoomOperations rooms, CancellationToken ct) =>
        {
            var agenda = AgendaFields.Read(await http.Request.ReadFormAsync(ct));
            try
            {
                await rooms.SetAgendaAsync(id, agenda, ct);
                return Results.LocalRedirect($"/reviews/{id}/room");
            }
            catch (Fireside.Core.DomainValidationException invalid)
            {
                var message = invalid.Errors.Messages();
                return PageNotices.Redirect($"/reviews/{id}/room", null, NoticeKind.Problem, message);
            }
        }).ExcludeFromDescription().RequireAntiforgery();

        app.MapPost("/admin/agenda/save", async (HttpContext http, RoomOperations rooms, CancellationToken ct) =>
        {
            try
            {
                await rooms.SetDefaultAgendaAsync(AgendaFields.Read(await http.Request.ReadFormAsync(ct)), ct);
                return PageNotices.Redirect("/admin/agenda", null, NoticeKind.Done, "Saved. New meeting rooms start with this agenda.");
            }
            catch (Fireside.Core.DomainValidationException invalid)
            {
                return PageNotices.Redirect("/admin/agenda", null, NoticeKind.Problem, invalid.Errors.Messages());
            }
        }).ExcludeFromDescription().RequireAntiforgery().RequireAuthorization(Policies.Admin);

        app.MapPut("/api/meeting/agenda", async (List<AgendaSection> agenda, RoomOperations rooms, CancellationToken ct) =>
        {
            await rooms.SetDefaultAgendaAsync(agenda, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithTags("Meeting room").WithSummary("Set the agenda new meeting rooms start with (admins).");

        var room = app.MapGroup("/api/reviews/{id:guid}/room").WithTags("Meeting room");
        room.MapGet("/", async (Guid id, RoomOperations rooms, UserTime time, CancellationToken ct) =>
            TypedResults.Ok(await rooms.SnapshotAsync(id, t => time.Format(t, seconds: true), ct)))
            .WithSummary("Where the room is now: section, time left, pace, the current moment, parking lot, notes and who came.");
        room.MapPut("/agenda", async (Guid id, List<AgendaSection> agenda, RoomOperations rooms, CancellationToken ct) =>
        {
            await rooms.SetAgendaAsync(id, agenda, ct);
            return TypedResults.NoContent();
        }).WithSummary("Set this review's agenda before the meeting starts (sections with name, minutes and kind: intro, timeline, questions, remediation, other).");
        room.MapPost("/{action:regex(^(start|pause|next|end|forward|back|next-inflection)$)}", async (Guid id, string action, RoomOperations rooms, CancellationToken ct) =>
        {
            await rooms.ActAsync(id, action, ct);
            return TypedResults.NoContent();
        }).WithSummary("Run the meeting (facilitators): start, pause, next (section), end, forward, back or next-inflection (through the timeline).");
        room.MapPost("/parking-lot", async (Guid id, PinInput input, RoomOperations rooms, CancellationToken ct) =>
        {
            await rooms.PinAsync(id, input.Text, ct);
            return TypedResults.NoContent();
        }).WithSummary("Pin a tangent to come back to in the questions section.");
        room.MapPut("/parking-lot/{itemId:guid}/done", async (Guid id, Guid itemId, PinDoneInput input, RoomOperations rooms, CancellationToken ct) =>
        {
            await rooms.SetPinDoneAsync(id, itemId, input.Done, ct);
            return TypedResults.NoContent();
        }).WithSummary("Mark a parking-lot item talked about, or not (facilitators).");
        room.MapPut("/notes", async (Guid id, NoteInput input, RoomOperations rooms, CancellationToken ct) =>
            TypedResults.Ok(await rooms.SaveNoteAsync(id, input.Key, input.Text, ct)))
            .WithSummary("Save a note for a section (section:N) or a moment (entry:ID); note takers and facilitators.");
    }
}
