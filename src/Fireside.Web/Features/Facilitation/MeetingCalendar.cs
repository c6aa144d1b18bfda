using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Fireside.Web.Features.Facilitation;

/// <summary>
/// The review meeting as an iCalendar invitation (RFC 5545, via Ical.Net). Actors are required; everyone
/// else on the review is optional, and the description carries the link anyone curious can open.
/// </summary>
public static class MeetingCalendar
{
    /// <summary>The roles asked to come (required attendees); shadows and everyone else are welcome and optional.</summary>
    private static readonly ParticipantRole[] Required = [ParticipantRole.Facilitator, ParticipantRole.CoFacilitator, ParticipantRole.NoteTaker, ParticipantRole.Actor];

    public const string ContentType = "text/calendar; charset=utf-8; method=REQUEST";

    public static string ToIcs(Review review, Meeting meeting, IEnumerable<Participant> participants, string reviewUrl)
    {
        var people = participants.ToList();
        var facilitator = people.FirstOrDefault(p => p.Role == ParticipantRole.Facilitator);
        var invitation = new CalendarEvent
        {
            Uid = meeting.Uid,
            Sequence = meeting.Sequence,
            Summary = $"Review: {review.Title}",
            Description = $"""
                A review of "{review.Title}": the people who took part tell the story together, so everyone learns how the system behaved.
                The facilitators, the note taker and the actors are asked to come; everyone else is welcome and free to skip.
                The review: {reviewUrl}
                """,
            Url = new Uri(reviewUrl),
            Location = meeting.Location,
            DtStart = new CalDateTime(meeting.StartsAt, "UTC", true),
            DtEnd = new CalDateTime(meeting.EndsAt, "UTC", true),
            DtStamp = new CalDateTime(meeting.UpdatedAt, "UTC", true),
        };
        if (facilitator?.Email is { } organizer)
        {
            invitation.Organizer = new Organizer($"mailto:{organizer}") { CommonName = facilitator.Name };
        }

        // One attendee per email; someone in several roles is required if any of them needs them in the room: the
        // meeting cannot run without its facilitators and note taker, and it is the actors' story.
        foreach (var person in people.Where(p => p.Email is not null).GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase))
        {
            invitation.Attendees.Add(new Attendee($"mailto:{person.Key}")
            {
                CommonName = person.First().Name,
                Role = person.Any(p => Required.Contains(p.Role)) ? "REQ-PARTICIPANT" : "OPT-PARTICIPANT",
                ParticipationStatus = "NEEDS-ACTION",
                Rsvp = true,
            });
        }

        var calendar = new Calendar { Method = "REQUEST", ProductId = "-//Fireside//Review meetings//EN" };
        calendar.Events.Add(invitation);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
