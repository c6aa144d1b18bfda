using System.Text.Json;
using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>Writes a review and everything it holds to one JSON file, and restores it, all or nothing, in another Fireside.</summary>
public static class ReviewArchives
{
    /// <summary>Callers check the reader may read it first (<see cref="ReviewOperations.ExportAsync"/>).</summary>
    internal static async Task<ReviewArchive> ExportAsync(FiresideDb db, Guid reviewId, CancellationToken ct)
    {
        var review = await db.Reviews.IgnoreQueryFilters().AsNoTracking().Include(r => r.Timeline).Include(r => r.Accounts).Include(r => r.Attachments).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw ReviewOperations.MissingReview(reviewId);
        // Everything in a fixed order, so exporting the same review twice gives the same file.
        review.Timeline = [.. review.OrderedTimeline];
        review.Accounts = [.. review.Accounts.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)];
        review.Attachments = [.. review.Attachments.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)];
        var uploads = review.Attachments.Where(a => a.IsUpload).Select(a => a.Id).ToList();
        var images = await db.AttachmentContents.AsNoTracking().Where(c => uploads.Contains(c.AttachmentId)).ToListAsync(ct);
        return new ReviewArchive
        {
            Review = review,
            Images = [.. images.OrderBy(i => uploads.IndexOf(i.AttachmentId)).Select(i => new ArchivedImage(i.AttachmentId, Convert.ToBase64String(i.Bytes)))],
            LanguageDismissals = await db.LanguageDismissals.AsNoTracking().Where(d => d.ReviewId == reviewId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct),
            Participants = await db.Participants.AsNoTracking().Where(p => p.ReviewId == reviewId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct),
            Interviews = await db.Interviews.AsNoTracking().Where(i => i.ReviewId == reviewId).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(ct),
            Meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.ReviewId == reviewId, ct),
            Room = await db.MeetingRooms.AsNoTracking().FirstOrDefaultAsync(r => r.ReviewId == reviewId, ct),
            MeetingNotes = await db.MeetingNotes.AsNoTracking().Where(n => n.ReviewId == reviewId).OrderBy(n => n.Key).ToListAsync(ct),
            ParkingLot = await db.ParkingLot.AsNoTracking().Where(p => p.ReviewId == reviewId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct),
            Attendance = await db.Attendance.AsNoTracking().Where(a => a.ReviewId == reviewId).OrderBy(a => a.FirstSeenAt).ThenBy(a => a.Name).ToListAsync(ct),
            Takeaways = await db.Takeaways.AsNoTracking().Where(t => t.ReviewId == reviewId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(ct),
            ContributingFactors = await db.ContributingFactors.AsNoTracking().Where(f => f.ReviewId == reviewId).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToListAsync(ct),
            Remediation = await db.RemediationItems.AsNoTracking().Where(r => r.ReviewId == reviewId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct),
            FactorThemes = (await db.FactorThemes.AsNoTracking().Where(f => f.ReviewId == reviewId)
                    .Join(db.Themes, f => f.ThemeId, t => t.Id, (f, t) => new { f.FactorId, t.Name, t.Order })
                    .ToListAsync(ct))
                .OrderBy(f => f.FactorId).ThenBy(f => f.Order).Select(f => new ArchivedFactorTheme(f.FactorId, f.Name)).ToList(),
            AccessGrants = (await db.AccessGrants.AsNoTracking().Where(g => g.ReviewId == reviewId)
                    .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new { u.Email, g.GrantedAt })
                    .Where(g => g.Email != null)
                    .ToListAsync(ct))
                .OrderBy(g => g.Email, StringComparer.OrdinalIgnoreCase).Select(g => new ArchivedAccessGrant(g.Email!, g.GrantedAt)).ToList(),
        };
    }

    public static string ToJson(ReviewArchive archive) => JsonSerializer.Serialize(archive, ReviewExport.JsonOptions);

    /// <summary>As the export writes, and no deeper than an archive ever nests.</summary>
    private static readonly JsonSerializerOptions ParseOptions = new(ReviewExport.JsonOptions) { MaxDepth = 16 };

    /// <summary>What a restore the database refused says, in place of the database's own words (they name its tables).</summary>
    public const string Clash = "The file could not be restored as it is: some of its ids are already used here, or appear twice in it. Nothing was imported.";

    /// <summary>Reads an archive, saying where the file is wrong when it is.</summary>
    public static async Task<ReviewArchive> ParseAsync(Stream json, string fileName, CancellationToken ct)
    {
        ReviewArchive? archive;
        try
        {
            // Read without blocking: a request body can only be read asynchronously.
            archive = await JsonSerializer.DeserializeAsync<ReviewArchive>(json, ParseOptions, ct);
        }
        catch (JsonException e)
        {
            // Where the file is wrong and which of its fields, never the reader's own words (they name .NET types).
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            var broken = e.InnerException?.GetType().Name == "JsonReaderException";
            var field = broken ? ": it is not valid JSON there" : e.Path is { Length: > 2 } path ? $": the value of {path[2..]} is not what an export holds there" : "";
            throw DomainValidationException.For("file", $"{fileName} is not a Fireside review export{where}{field}. Nothing was imported.");
        }

        if (archive is null || archive.Format != ReviewArchive.CurrentFormat)
        {
            throw DomainValidationException.For("file", $"{fileName} is not a Fireside review export (it should say \"format\": \"{ReviewArchive.CurrentFormat}\"). Nothing was imported.");
        }

        return archive;
    }

    /// <summary>Restores a review with everything it held, keeping its ids, in one transaction.</summary>
    /// <summary>
    /// Callers check the person may bring it in first (<see cref="ReviewOperations.ImportAsync"/>). A review
    /// that is here and deleted is replaced by the file (its private notes and survey answers, which archives
    /// never hold, stay with it); one that is here and not deleted is refused.
    /// </summary>
    internal static async Task<Review> ImportAsync(FiresideDb db, ReviewArchive archive, SeverityCatalog severities, CancellationToken ct, string? importerId = null)
    {
        ReviewOperations.Throw(ArchiveRules.Validate(archive, severities));
        var review = archive.Review;
        review.Severity = severities.Canonical(review.Severity);
        var existing = await db.Reviews.IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == review.Id).Select(r => new { r.Title, r.DeletedAt }).FirstOrDefaultAsync(ct);
        if (existing is { DeletedAt: null })
        {
            // Never its title: the file's id may be someone else's restricted review.
            throw new ConflictException($"This Fireside already has a review with the id {review.Id}. Nothing was imported; delete that review first if the file should replace it.");
        }

        Own(archive, review.Id);
        var emails = archive.Participants.Where(p => p.Email is not null).Select(p => p.Email!.ToUpperInvariant()).Distinct().ToList();
        var users = await db.Users.Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);
        foreach (var participant in archive.Participants)
        {
            participant.UserId = users.FirstOrDefault(u => u.NormalizedEmail == participant.Email?.ToUpperInvariant())?.Id;
        }

        foreach (var person in archive.Attendance)
        {
            person.UserId = $"archive:{person.Name}";
        }

        // Access granted by name comes back for the people this Fireside also has (by email); a restricted review
        // brought in by someone who is not in it (and not an admin) grants them access too, or it would close on them.
        var archivedGrants = archive.AccessGrants ?? [];
        var granted = archivedGrants.Select(g => g.Email.Trim().ToUpperInvariant()).Distinct().ToList();
        var grants = await db.Users.Where(u => u.NormalizedEmail != null && granted.Contains(u.NormalizedEmail))
            .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);
        var accessGrants = grants.Select(u => new Fireside.Core.Access.ReviewAccessGrant
        {
            ReviewId = review.Id,
            UserId = u.Id,
            GrantedAt = archivedGrants.First(g => string.Equals(g.Email.Trim(), u.NormalizedEmail, StringComparison.OrdinalIgnoreCase)).GrantedAt,
        }).ToList();
        if (review.Visibility == Fireside.Core.Access.ReviewVisibility.Restricted && importerId is not null
            && accessGrants.All(g => g.UserId != importerId) && archive.Participants.All(p => p.UserId != importerId))
        {
            accessGrants.Add(new Fireside.Core.Access.ReviewAccessGrant { ReviewId = review.Id, UserId = importerId, GrantedById = importerId, GrantedAt = DateTime.UtcNow });
        }

        // Its own transaction, unless it is one of many restored together (each of those has a savepoint).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        List<FacilitatorNote> keptNotes = [];
        List<SurveyResponse> keptAnswers = [];
        if (existing is not null)
        {
            // The deleted copy gives way to the file; what belongs to people rather than to the story stays.
            keptNotes = await db.FacilitatorNotes.AsNoTracking().Where(n => n.ReviewId == review.Id).ToListAsync(ct);
            keptAnswers = await db.SurveyResponses.AsNoTracking().Where(r => r.ReviewId == review.Id).ToListAsync(ct);
            await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == review.Id).ExecuteDeleteAsync(ct);
        }

        db.Reviews.Add(review);
        db.FacilitatorNotes.AddRange(keptNotes);
        db.SurveyResponses.AddRange(keptAnswers);
        db.AttachmentContents.AddRange(archive.Images.Select(i => new AttachmentContent { AttachmentId = i.AttachmentId, Bytes = Convert.FromBase64String(i.Base64) }));
        db.LanguageDismissals.AddRange(archive.LanguageDismissals);
        db.Participants.AddRange(archive.Participants);
        db.Interviews.AddRange(archive.Interviews);
        if (archive.Meeting is { } meeting)
        {
            db.Meetings.Add(meeting);
        }

        if (archive.Room is { } room)
        {
            db.MeetingRooms.Add(room);
        }

        db.MeetingNotes.AddRange(archive.MeetingNotes);
        db.ParkingLot.AddRange(archive.ParkingLot);
        db.Attendance.AddRange(archive.Attendance.DistinctBy(a => a.UserId));
        db.Takeaways.AddRange(archive.Takeaways);
        db.ContributingFactors.AddRange(archive.ContributingFactors);
        db.RemediationItems.AddRange(archive.Remediation);
        db.AccessGrants.AddRange(accessGrants);
        // Factors keep the themes this Fireside also has (by name, any case); a restore does not change the list of themes.
        var themes = await db.Themes.AsNoTracking().ToListAsync(ct);
        db.FactorThemes.AddRange(archive.FactorThemes
            .Select(f => (f.FactorId, Theme: themes.FirstOrDefault(t => string.Equals(t.Name, f.Theme.Trim(), StringComparison.OrdinalIgnoreCase))))
            .Where(f => f.Theme is not null)
            .DistinctBy(f => (f.FactorId, f.Theme!.Id))
            .Select(f => new Fireside.Core.Library.FactorTheme { FactorId = f.FactorId, ThemeId = f.Theme!.Id, ReviewId = review.Id }));
        // The review's history says it was restored, in one record, rather than one per moment and account.
        var recording = db.RecordsChanges;
        db.RecordsChanges = false;
        db.RecordChange(review.Id, "review", review.Id.ToString(), "restored", null, $"{review.Title} (from a Fireside export)", db.Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw DomainValidationException.For("file", Clash);
        }
        finally
        {
            db.RecordsChanges = recording;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return review;
    }

    /// <summary>Whatever the file says, everything in it belongs to the review being restored.</summary>
    private static void Own(ReviewArchive archive, Guid reviewId)
    {
        archive.Review.Timeline.ForEach(e => e.ReviewId = reviewId);
        archive.Review.Accounts.ForEach(a => a.ReviewId = reviewId);
        archive.Review.Attachments.ForEach(a => a.ReviewId = reviewId);
        archive.LanguageDismissals.ForEach(d => d.ReviewId = reviewId);
        archive.Participants.ForEach(p => p.ReviewId = reviewId);
        archive.Interviews.ForEach(i => i.ReviewId = reviewId);
        archive.MeetingNotes.ForEach(n => n.ReviewId = reviewId);
        archive.ParkingLot.ForEach(p => p.ReviewId = reviewId);
        archive.Attendance.ForEach(a => a.ReviewId = reviewId);
        archive.Takeaways.ForEach(t => t.ReviewId = reviewId);
        archive.ContributingFactors.ForEach(f => f.ReviewId = reviewId);
        archive.Remediation.ForEach(r => r.ReviewId = reviewId);
        if (archive.Meeting is { } meeting)
        {
            meeting.ReviewId = reviewId;
        }

        if (archive.Room is { } room)
        {
            room.ReviewId = reviewId;
        }
    }
}

/// <summary>One review archive among many to restore: its name for messages, and how to open it.</summary>
public sealed record ArchiveFile(string Name, Func<Stream> Open);

/// <summary>What became of one archive: the review restored, or the problem (bad input, or refused) and nothing saved.</summary>
public sealed record ArchiveOutcome(string Name, Review? Review, string? Problem, bool BadInput);
