using Fireside.Core.Meetings;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.Room;

public sealed record PinInput(string? Text);

public sealed record NoteInput(string? Key, string? Text);

/// <summary>The room over plain HTTP, for scripts and for screens without a live connection; every change still reaches the live screens.</summary>
public static class RoomApi
{
    public static void MapRoomApi(this IEndpointRouteBuilder app)
    {
        app.MapHub<RoomHub>("/hubs/room");

        app.MapPost("/reviews/{id:guid}/room/agenda", async (Guid id, HttpContext http, RoomService rooms, CancellationToken ct) =>
        {
            var agenda = AgendaFields.Read(await http.Request.ReadFormAsync(ct));
            try
            {
                if (!(await rooms.RightsAsync(id, http.User.UserId(), http.User.IsAdmin(), ct)).MayRun)
                {
                    throw new Fireside.Core.ForbiddenException("The review's facilitators shape the agenda.");
                }

                await rooms.SetAgendaAsync(id, agenda, ct);
                return Results.LocalRedirect($"/reviews/{id}/room");
            }
            catch (Exception e) when (e is Fireside.Core.DomainValidationException or Fireside.Core.ForbiddenException)
            {
                var message = e is Fireside.Core.DomainValidationException invalid ? invalid.Errors.Messages() : e.Message;
                return Results.LocalRedirect($"/reviews/{id}/room?problem={Uri.EscapeDataString(message)}");
            }
        }).ExcludeFromDescription().RequireAntiforgery();

        app.MapPost("/admin/agenda/save", async (HttpContext http, FiresideDb db, CancellationToken ct) =>
        {
            try
            {
                await RoomChanges.SetDefaultAgendaAsync(db, AgendaFields.Read(await http.Request.ReadFormAsync(ct)), ct);
                return Results.LocalRedirect("/admin/agenda?saved=true");
            }
            catch (Fireside.Core.DomainValidationException invalid)
            {
                return Results.LocalRedirect($"/admin/agenda?problem={Uri.EscapeDataString(invalid.Errors.Messages())}");
            }
        }).ExcludeFromDescription().RequireAntiforgery().RequireAuthorization(Policies.Admin);

        app.MapPut("/api/meeting/agenda", async (List<AgendaSection> agenda, FiresideDb db, CancellationToken ct) =>
        {
            await RoomChanges.SetDefaultAgendaAsync(db, agenda, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithTags("Meeting room").WithSummary("Set the agenda new meeting rooms start with (admins).");

        var room = app.MapGroup("/api/reviews/{id:guid}/room").WithTags("Meeting room");
        room.MapGet("/", async (Guid id, HttpContext http, RoomService rooms, CancellationToken ct) =>
            TypedResults.Ok(await rooms.SnapshotAsync(id, http.User, ct)))
            .WithSummary("Where the room is now: section, time left, pace, the current moment, parking lot, notes and who came.");
        room.MapPut("/agenda", async (Guid id, List<AgendaSection> agenda, HttpContext http, RoomService rooms, CancellationToken ct) =>
        {
            if (!(await rooms.RightsAsync(id, http.User.UserId(), http.User.IsAdmin(), ct)).MayRun)
            {
                throw new Fireside.Core.ForbiddenException("The review's facilitators shape the agenda.");
            }

            await rooms.SetAgendaAsync(id, agenda, ct);
            return TypedResults.NoContent();
        }).WithSummary("Set this review's agenda before the meeting starts (sections with name, minutes and kind: intro, timeline, questions, remediation, other).");
        room.MapPost("/{action:regex(^(start|pause|next|end|forward|back|next-inflection)$)}", async (Guid id, string action, HttpContext http, RoomService rooms, CancellationToken ct) =>
        {
            await rooms.ActAsync(id, action, http.User.UserId(), http.User.IsAdmin(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Run the meeting (facilitators): start, pause, next (section), end, forward, back or next-inflection (through the timeline).");
        room.MapPost("/parking-lot", async (Guid id, PinInput input, HttpContext http, RoomService rooms, CancellationToken ct) =>
        {
            await rooms.PinAsync(id, input.Text, http.User.DisplayName(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Pin a tangent to come back to in the questions section.");
        room.MapPut("/notes", async (Guid id, NoteInput input, HttpContext http, RoomService rooms, CancellationToken ct) =>
            TypedResults.Ok(await rooms.SaveNoteAsync(id, input.Key, input.Text, http.User.UserId(), http.User.IsAdmin(), http.User.DisplayName(), ct)))
            .WithSummary("Save a note for a section (section:N) or a moment (entry:ID); note takers and facilitators.");
    }
}
