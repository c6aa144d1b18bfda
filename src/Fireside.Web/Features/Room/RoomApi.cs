using Fireside.Core.Meetings;
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
            var form = await http.Request.ReadFormAsync(ct);
            var names = form["name"];
            var minutes = form["minutes"];
            var kinds = form["kind"];
            var agenda = new List<AgendaSection>();
            for (var i = 0; i < names.Count; i++)
            {
                if (!string.IsNullOrWhiteSpace(names[i]))
                {
                    agenda.Add(new AgendaSection(names[i]!, int.TryParse(i < minutes.Count ? minutes[i] : null, out var m) ? m : 0,
                        Enum.TryParse<SectionKind>(i < kinds.Count ? kinds[i] : null, out var k) ? k : SectionKind.Other));
                }
            }

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
