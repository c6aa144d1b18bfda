using Fireside.Core.Facilitation;
using Fireside.Core.Meetings;

namespace Fireside.Core.Reviews;

/// <summary>
/// Restoring an archive is as strict as typing it in: every part of a <c>fireside-review/1</c> file goes
/// through the same rules as the API (lengths, http(s) links only, images checked by their bytes), and
/// everything that points at something must point inside the same review (an interview at one of its
/// actors, an account or image at one of its moments). Messages name the part of the file that is wrong.
/// </summary>
public static class ArchiveRules
{
    public static ValidationErrors Validate(ReviewArchive archive, SeverityCatalog severities)
    {
        var errors = new ValidationErrors();
        var review = archive.Review;
        if (review is null)
        {
            errors.Add("review", "The file has no review in it.");
            return errors;
        }

        Nest(errors, "review", ReviewRules.Validate(ReviewInput.From(review), severities));
        if (!Enum.IsDefined(review.Status))
        {
            errors.Add("review.status", "The review's status is not one Fireside knows.");
        }

        review.Timeline ??= [];
        review.Accounts ??= [];
        review.Attachments ??= [];
        var entries = new HashSet<Guid>();
        foreach (var (entry, i) in review.Timeline.Select((e, i) => (e, i)))
        {
            if (entry is null || !entries.Add(entry.Id))
            {
                errors.Add($"review.timeline[{i}]", "Each moment appears once, with its own id.");
                continue;
            }

            Nest(errors, $"review.timeline[{i}]", ReviewRules.Validate(new TimelineEntryInput
            {
                OccurredAt = new DateTimeOffset(DateTime.SpecifyKind(entry.OccurredAt, DateTimeKind.Utc)),
                Actor = entry.Actor,
                Text = entry.Text,
                Link = entry.Link,
                Kind = entry.Kind,
                ActorKind = entry.ActorKind,
                Phase = entry.Phase,
            }));
            ReviewRules.CheckLength(errors, $"review.timeline[{i}].source", "source", entry.Source, 40);
            ReviewRules.CheckLength(errors, $"review.timeline[{i}].sourceKey", "source key", entry.SourceKey, 200);
            if (!Enum.IsDefined(entry.Scope))
            {
                errors.Add($"review.timeline[{i}].scope", "The moment's scope is not one Fireside knows.");
            }
        }

        foreach (var (account, i) in review.Accounts.Select((a, i) => (a, i)))
        {
            var where = $"review.accounts[{i}]";
            if (account is null)
            {
                errors.Add(where, "An account is empty.");
                continue;
            }

            var input = new AccountInput
            {
                Author = account.Author, Saw = account.Saw, Believed = account.Believed, Did = account.Did, WhySensible = account.WhySensible,
                SpanStartsAt = ReviewDocument.Utc(account.SpanStartsAt), SpanEndsAt = ReviewDocument.Utc(account.SpanEndsAt),
            };
            Nest(errors, where, account.EntryId is null ? ReviewRules.ValidateSpan(input) : ReviewRules.Validate(input));
            if (account.EntryId is { } entry && !entries.Contains(entry))
            {
                errors.Add(where, $"{account.Author}'s account belongs to moment {entry}, which is not in the file.");
            }
        }

        var images = (archive.Images ?? []).Where(i => i is not null).ToDictionary(i => i.AttachmentId, i => i.Base64);
        var uploads = new HashSet<Guid>();
        foreach (var (attachment, i) in review.Attachments.Select((a, i) => (a, i)))
        {
            var where = $"review.attachments[{i}]";
            if (attachment is null)
            {
                errors.Add(where, "An image is empty.");
                continue;
            }

            if (!entries.Contains(attachment.EntryId))
            {
                errors.Add(where, $"The image belongs to moment {attachment.EntryId}, which is not in the file.");
            }

            if (!attachment.IsUpload)
            {
                Nest(errors, where, AttachmentRules.ValidateLink(attachment.Url, attachment.Caption));
                continue;
            }

            uploads.Add(attachment.Id);
            var bytes = images.TryGetValue(attachment.Id, out var base64) ? Decode(base64) : null;
            if (bytes is null)
            {
                errors.Add(where, "The file should hold this uploaded image's bytes (in \"images\", as base64), and does not.");
                continue;
            }

            Nest(errors, where, AttachmentRules.ValidateUpload(attachment.FileName ?? "image", bytes.LongLength, bytes, attachment.Caption));
            if (AttachmentRules.DetectImageType(bytes) is { } type && attachment.ContentType != type)
            {
                errors.Add($"{where}.contentType", $"The image's bytes are {type}, but the file says {attachment.ContentType}.");
            }
        }

        foreach (var stray in images.Keys.Where(id => !uploads.Contains(id)))
        {
            errors.Add("images", $"The file holds bytes for image {stray}, which no moment shows.");
        }

        var actors = new HashSet<Guid>();
        foreach (var (participant, i) in (archive.Participants ?? []).Select((p, i) => (p, i)))
        {
            if (participant is null)
            {
                errors.Add($"participants[{i}]", "A participant is empty.");
                continue;
            }

            Nest(errors, $"participants[{i}]", new ParticipantInput
            {
                Name = participant.Name, Email = participant.Email, Role = participant.Role, Team = participant.Team, IsMainActor = participant.IsMainActor,
            }.Validate());
            if (participant.Role == ParticipantRole.Actor)
            {
                actors.Add(participant.Id);
            }
        }

        foreach (var (interview, i) in (archive.Interviews ?? []).Select((v, i) => (v, i)))
        {
            if (interview is null || !actors.Contains(interview.ParticipantId))
            {
                errors.Add($"interviews[{i}]", "An interview belongs to one of the review's actors, listed in the same file.");
                continue;
            }

            Nest(errors, $"interviews[{i}]", new InterviewInput
            {
                Interviewer = interview.Interviewer, Notes = interview.Notes, ActorTimeline = interview.ActorTimeline, Questions = interview.Questions,
            }.Validate());
        }

        if (archive.Meeting is { } meeting)
        {
            Nest(errors, "meeting", new MeetingInput { StartsAt = new DateTimeOffset(DateTime.SpecifyKind(meeting.StartsAt, DateTimeKind.Utc)), DurationMinutes = meeting.DurationMinutes, Location = meeting.Location }.Validate());
            ReviewRules.CheckLength(errors, "meeting.uid", "invitation id", meeting.Uid, 200);
        }

        if (archive.Room is { } room)
        {
            Nest(errors, "room", Agendas.Validate(room.Agenda));
            if (room.CurrentEntryId is { } current && !entries.Contains(current))
            {
                errors.Add("room.currentEntryId", "The room points at a moment that is not in the file.");
            }

            if (room.Agenda is { Count: > 0 } && (room.Section < 0 || room.Section >= room.Agenda.Count))
            {
                errors.Add("room.section", "The room is at a part of the agenda that does not exist.");
            }
        }

        foreach (var (note, i) in (archive.MeetingNotes ?? []).Select((n, i) => (n, i)))
        {
            if (note is null || note.Key is not { Length: > 0 and <= 60 } key || !(key.StartsWith("section:", StringComparison.Ordinal) || key.StartsWith("entry:", StringComparison.Ordinal)))
            {
                errors.Add($"meetingNotes[{i}].key", "A room note belongs to a section (section:N) or a moment (entry:ID).");
                continue;
            }

            ReviewRules.CheckLength(errors, $"meetingNotes[{i}].text", "note", note.Text, ReviewRules.MarkdownMaxLength);
        }

        Each(errors, "parkingLot", archive.ParkingLot, (p, where) =>
        {
            if (string.IsNullOrWhiteSpace(p.Text))
            {
                errors.Add(where, "A parking-lot item needs its text.");
            }

            ReviewRules.CheckLength(errors, where, "parking-lot item", p.Text, 2000);
            ReviewRules.CheckLength(errors, where, "name", p.RaisedBy, ReviewRules.ActorMaxLength);
        });
        Each(errors, "attendance", archive.Attendance, (a, where) => ReviewRules.CheckLength(errors, where, "name", a.Name, ReviewRules.ActorMaxLength));
        Each(errors, "takeaways", archive.Takeaways, (t, where) =>
        {
            ReviewRules.CheckLength(errors, where, "takeaway", t.SurprisedBy, ReviewRules.EntryTextMaxLength);
            ReviewRules.CheckLength(errors, where, "takeaway", t.BelievedBefore, ReviewRules.EntryTextMaxLength);
            ReviewRules.CheckLength(errors, where, "takeaway", t.BelieveNow, ReviewRules.EntryTextMaxLength);
        });
        Each(errors, "contributingFactors", archive.ContributingFactors, (f, where) => ReviewRules.CheckLength(errors, where, "factor", f.Text, ReviewRules.EntryTextMaxLength));
        Each(errors, "factorThemes", archive.FactorThemes, (t, where) =>
        {
            if (!(archive.ContributingFactors ?? []).Any(f => f?.Id == t.FactorId))
            {
                errors.Add(where, "This theme is given to a contributing factor the file does not hold.");
            }

            if (string.IsNullOrWhiteSpace(t.Theme))
            {
                errors.Add(where, "A factor's theme needs its name.");
            }

            ReviewRules.CheckLength(errors, where, "theme", t.Theme, Fireside.Core.Library.Theme.NameMaxLength);
        });
        Each(errors, "remediation", archive.Remediation, (r, where) =>
        {
            ReviewRules.CheckLength(errors, where, "remediation item", r.Text, ReviewRules.EntryTextMaxLength);
            ReviewRules.CheckLength(errors, where, "owner", r.Owner, ReviewRules.ActorMaxLength);
            ReviewRules.CheckLink(errors, $"{where}.trackerUrl", r.TrackerUrl);
        });
        Each(errors, "accessGrants", archive.AccessGrants, (g, where) =>
        {
            if (string.IsNullOrWhiteSpace(g.Email))
            {
                errors.Add(where, "Access granted by name needs the person's email.");
            }

            ReviewRules.CheckLength(errors, where, "email", g.Email, 256);
        });
        Each(errors, "languageDismissals", archive.LanguageDismissals, (d, where) =>
        {
            ReviewRules.CheckLength(errors, where, "field", d.Field, 90);
            ReviewRules.CheckLength(errors, where, "rule", d.Rule, 80);
            ReviewRules.CheckLength(errors, where, "words", d.Text, 500);
        });
        return errors;
    }

    private static void Each<T>(ValidationErrors errors, string list, IEnumerable<T?>? items, Action<T, string> check)
        where T : class
    {
        foreach (var (item, i) in (items ?? []).Select((x, i) => (x, i)))
        {
            if (item is null)
            {
                errors.Add($"{list}[{i}]", "This item is empty.");
                continue;
            }

            check(item, $"{list}[{i}]");
        }
    }

    private static void Nest(ValidationErrors errors, string prefix, ValidationErrors inner)
    {
        foreach (var (field, messages) in inner.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add($"{prefix}.{field}", message);
            }
        }
    }

    private static byte[]? Decode(string? base64)
    {
        if (base64 is null || base64.Length > (AttachmentRules.MaxBytes * 4 / 3) + 8)
        {
            return null;
        }

        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? bytes[..written] : null;
    }
}
