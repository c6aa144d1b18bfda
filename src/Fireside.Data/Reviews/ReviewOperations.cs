using Fireside.Core;
using Fireside.Core.Reviews;
using Fireside.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// Reviews, their timelines, accounts and images, the same from a page, the API or the CLI: check who may,
/// validate, apply, save, and refuse to overwrite someone else's newer work.
/// </summary>
public sealed class ReviewOperations(FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions, SeverityCatalog severities)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Permissions Permissions => permissions;

    /// <summary>Pages that only read a review load it untracked: much less work for long timelines. Deleted reviews can be read by id.</summary>
    public async Task<Review?> FindForReadingAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, id, cancellationToken);
        return await FindAsync(id, includeDeleted: true, tracking: false, cancellationToken);
    }

    /// <summary>A review that is not deleted, for an editor to fill its form from; null when there is none.</summary>
    public async Task<Review?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, id, cancellationToken);
        return await FindAsync(id, includeDeleted: false, tracking: false, cancellationToken);
    }

    /// <summary>
    /// The statuses the current person may move this review to (its own first), for the editor's choice. Published is
    /// not among them: publishing is its own step, with a checklist (<see cref="PublishAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<ReviewStatus>> NextStatusesAsync(Guid? id, ReviewStatus from, CancellationToken cancellationToken)
    {
        var standing = id is { } reviewId ? await permissions.StandingAsync(reviewId, cancellationToken)
            : new ReviewStanding(user.IsSignedIn, user.IsAdmin, new HashSet<Core.Facilitation.ParticipantRole>(), false, false);
        return [.. ReviewAccess.NextStatuses(from, standing).Where(s => s != ReviewStatus.Published || s == from)];
    }

    /// <summary>What "publish" needs the review to move there: the checklist's step, not a change of field.</summary>
    private static DomainValidationException PublishIsAStep() => DomainValidationException.For("status",
        "Publishing has its own step with a short checklist: After the meeting, Publish (POST /api/reviews/{id}/publish).");

    /// <summary>The publish checklist of a review, given how many of the coach's notes are open on it (the caller reads them).</summary>
    public async Task<IReadOnlyList<PublishCheck>> ChecklistAsync(Guid id, int openFindings, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, id, cancellationToken);
        await RequireReviewAsync(db, id, cancellationToken);
        var facts = new PublishFacts(
            openFindings,
            await db.Meetings.Where(m => m.ReviewId == id).Select(m => (DateTime?)m.StartsAt).FirstOrDefaultAsync(cancellationToken),
            await db.Takeaways.CountAsync(t => t.ReviewId == id, cancellationToken),
            await db.ContributingFactors.CountAsync(f => f.ReviewId == id, cancellationToken));
        return PublishChecklist.Check(facts, Now);
    }

    /// <summary>
    /// Publishes the review (its facilitators and admins): every item of the checklist is met or skipped with a
    /// reason, and each reason is kept in the review's history beside the change of status.
    /// </summary>
    public async Task<Review> PublishAsync(Guid id, int openFindings, IReadOnlyDictionary<string, string?>? reasons, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw MissingReview(id);
        await permissions.EnsureStatusChangeAsync(id, review.Status, ReviewStatus.Published, cancellationToken);
        if (review.Status == ReviewStatus.Published)
        {
            return review;
        }

        var (errors, skipped) = PublishChecklist.Skip(await ChecklistAsync(id, openFindings, cancellationToken), reasons);
        Throw(errors);
        foreach (var (check, reason) in skipped)
        {
            db.RecordChange(id, "publish check", check.Key, "skipped", check.Label, reason, Now);
        }

        review.Status = ReviewStatus.Published;
        review.UpdatedAt = Now;
        await SaveAsync("review", cancellationToken);
        return review;
    }

    /// <summary>A review with its timeline, accounts and images, for reading (deleted ones too); not found if it never existed.</summary>
    public async Task<Review> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await FindForReadingAsync(id, cancellationToken) ?? throw MissingReview(id);

    private Task<Review?> FindAsync(Guid id, bool includeDeleted, bool tracking, CancellationToken cancellationToken)
    {
        var reviews = includeDeleted ? db.Reviews.IgnoreQueryFilters() : db.Reviews;
        reviews = tracking ? reviews : reviews.AsNoTracking();
        return reviews.Include(r => r.Timeline).Include(r => r.Accounts).Include(r => r.Attachments).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    public async Task<Review> CreateAsync(ReviewInput input, CancellationToken cancellationToken)
    {
        Throw(ReviewRules.Validate(input, severities));
        if (input.Status is { } status && ReviewAccess.StatusChange(ReviewStatus.Draft, status) != ReviewAction.Contribute && !user.IsAdmin)
        {
            // Nobody facilitates a review that does not exist yet, so only an admin can start one as reviewed or published.
            throw new ForbiddenException(ReviewAccess.Refusal(ReviewAction.Publish));
        }

        var review = new Review { CreatedAt = Now, CreatedById = user.Id };
        review.Apply(input with { Severity = severities.Canonical(input.Severity) }, Now);
        db.Reviews.Add(review);
        if (review.Visibility == ReviewVisibility.Restricted && user is { IsSignedIn: true, IsAdmin: false, Id: { } creator })
        {
            // Whoever starts a restricted review is not in it yet (no role): they are granted access by name, or it would close on them.
            db.AccessGrants.Add(new ReviewAccessGrant { ReviewId = review.Id, UserId = creator, GrantedById = creator, GrantedAt = Now });
        }

        await db.SaveChangesAsync(cancellationToken);
        return review;
    }

    /// <summary>Changes a review's fields; a change of status goes only along the named moves, and only for those who may make it.</summary>
    public Task<Review> UpdateAsync(Guid id, ReviewInput input, CancellationToken cancellationToken) =>
        UpdateVersionedAsync("review", ReviewRules.Validate(input, severities), input.Version,
            async () =>
            {
                await permissions.EnsureAsync(ReviewAction.Contribute, id, cancellationToken);
                var review = await FindAsync(id, includeDeleted: false, tracking: true, cancellationToken) ?? throw MissingReview(id);
                if (input.Status is { } to && to != review.Status)
                {
                    await permissions.EnsureStatusChangeAsync(id, review.Status, to, cancellationToken);
                    if (to == ReviewStatus.Published)
                    {
                        throw PublishIsAStep();
                    }
                }

                if (input.Visibility is { } visibility && visibility != review.Visibility)
                {
                    await permissions.EnsureAsync(ReviewAction.ManageAccess, id, cancellationToken);
                    db.RecordEvent(AuditKinds.VisibilityChanged, id.ToString(), reviewId: id, detail: $"{review.Visibility} to {visibility}.");
                }

                return review;
            },
            review => review.Apply(input with { Severity = severities.Canonical(input.Severity) }, Now),
            cancellationToken);

    /// <summary>
    /// Moves a review along one of the named status moves (reopen a published review, mark reviewed, plan); the
    /// history records it. Publishing goes through <see cref="PublishAsync"/>.
    /// </summary>
    public async Task<Review> SetStatusAsync(Guid id, ReviewStatus to, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw MissingReview(id);
        await permissions.EnsureStatusChangeAsync(id, review.Status, to, cancellationToken);
        if (to == ReviewStatus.Published && review.Status != ReviewStatus.Published)
        {
            throw PublishIsAStep();
        }

        review.Status = to;
        review.UpdatedAt = Now;
        await SaveAsync("review", cancellationToken);
        return review;
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw MissingReview(id);
        await permissions.EnsureAsync(ReviewAction.Delete, id, cancellationToken);
        review.DeletedAt = Now;
        await SaveAsync("review", cancellationToken);
    }

    public async Task<Review> RestoreAsync(Guid id, CancellationToken cancellationToken)
    {
        var review = await FindAsync(id, includeDeleted: true, tracking: true, cancellationToken) ?? throw MissingReview(id);
        await permissions.EnsureAsync(ReviewAction.Delete, id, cancellationToken);
        review.DeletedAt = null;
        await SaveAsync("review", cancellationToken);
        return review;
    }

    public async Task<TimelineEntry> AddEntryAsync(Guid reviewId, TimelineEntryInput input, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        Throw(ReviewRules.Validate(input));
        await RequireReviewAsync(db, reviewId, cancellationToken);
        var entry = new TimelineEntry { ReviewId = reviewId, CreatedAt = Now };
        entry.Apply(input, Now);
        db.TimelineEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public Task<TimelineEntry> UpdateEntryAsync(Guid reviewId, Guid entryId, TimelineEntryInput input, CancellationToken cancellationToken) =>
        UpdateVersionedAsync("timeline entry", ReviewRules.Validate(input), input.Version,
            async () =>
            {
                await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
                return await FindEntryAsync(reviewId, entryId, cancellationToken);
            },
            entry => entry.Apply(input, Now),
            cancellationToken);

    public async Task DeleteEntryAsync(Guid reviewId, Guid entryId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        var entry = await FindEntryAsync(reviewId, entryId, cancellationToken);
        db.TimelineEntries.Remove(entry);
        await SaveAsync("timeline entry", cancellationToken);
    }

    public async Task<TimelineEntry> FindEntryAsync(Guid reviewId, Guid entryId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        var visible = await db.TimelineEntries
            .Where(e => e.Id == entryId && e.ReviewId == reviewId)
            .Join(db.Reviews, e => e.ReviewId, r => r.Id, (e, _) => e)
            .FirstOrDefaultAsync(cancellationToken);
        return visible ?? throw new NotFoundException($"There is no timeline entry {entryId} in review {reviewId}.");
    }

    public async Task<Account> AddAccountAsync(Guid reviewId, Guid entryId, AccountInput input, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        Throw(ReviewRules.Validate(input));
        await FindEntryAsync(reviewId, entryId, cancellationToken);
        var account = new Account { ReviewId = reviewId, EntryId = entryId, CreatedById = user.Id, CreatedAt = Now };
        account.Apply(input, Now);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Adds someone's account of a stretch of time (from the first alert to the rollback, say) rather than of one moment.</summary>
    public async Task<Account> AddSpanAccountAsync(Guid reviewId, AccountInput input, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        Throw(ReviewRules.ValidateSpan(input));
        await RequireReviewAsync(db, reviewId, cancellationToken);
        var account = new Account { ReviewId = reviewId, CreatedById = user.Id, CreatedAt = Now };
        account.Apply(input, Now);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<Account> UpdateAccountAsync(Guid reviewId, Guid accountId, AccountInput input, CancellationToken cancellationToken)
    {
        var account = await FindAccountAsync(reviewId, accountId, cancellationToken);
        await permissions.EnsureMayEditAsync(account, cancellationToken);
        var errors = account.IsSpan ? ReviewRules.ValidateSpan(input with
        {
            SpanStartsAt = input.SpanStartsAt ?? ReviewDocument.Utc(account.SpanStartsAt),
            SpanEndsAt = input.SpanEndsAt ?? ReviewDocument.Utc(account.SpanEndsAt),
        }) : ReviewRules.Validate(input);
        return await UpdateVersionedAsync("account", errors, input.Version, () => Task.FromResult(account), a => a.Apply(input, Now), cancellationToken);
    }

    /// <summary>An account for its editor: only its author, the review's facilitators and admins get it.</summary>
    public async Task<Account> FindAccountForEditingAsync(Guid reviewId, Guid accountId, CancellationToken cancellationToken)
    {
        var account = await FindAccountAsync(reviewId, accountId, cancellationToken);
        await permissions.EnsureMayEditAsync(account, cancellationToken);
        return account;
    }

    public async Task<Account> FindAccountAsync(Guid reviewId, Guid accountId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        return await db.Accounts.Where(a => a.Id == accountId && a.ReviewId == reviewId).Join(db.Reviews, a => a.ReviewId, r => r.Id, (a, _) => a).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no account {accountId} in review {reviewId}.");
    }

    /// <summary>Keeps an uploaded image with a moment. The bytes are checked to be a PNG, JPEG, GIF or WebP image first.</summary>
    public async Task<Attachment> AddUploadAsync(
        Guid reviewId, Guid entryId, string? fileName, byte[] bytes, string? caption, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        Throw(AttachmentRules.ValidateUpload(fileName, bytes.LongLength, bytes, caption));
        await FindEntryAsync(reviewId, entryId, cancellationToken);
        var attachment = new Attachment
        {
            ReviewId = reviewId,
            EntryId = entryId,
            Caption = caption?.Trim() ?? "",
            FileName = string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName.Trim()),
            ContentType = AttachmentRules.DetectImageType(bytes),
            Size = bytes.LongLength,
            CreatedById = user.Id,
            CreatedAt = Now,
        };
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Bytes = bytes });
        await db.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    /// <summary>Shows an image that lives elsewhere (a dashboard's snapshot link, say) with a moment.</summary>
    public async Task<Attachment> AddLinkedImageAsync(
        Guid reviewId, Guid entryId, string? url, string? caption, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        Throw(AttachmentRules.ValidateLink(url, caption));
        await FindEntryAsync(reviewId, entryId, cancellationToken);
        var attachment = new Attachment { ReviewId = reviewId, EntryId = entryId, Caption = caption?.Trim() ?? "", Url = url!.Trim(), CreatedById = user.Id, CreatedAt = Now };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    /// <summary>An uploaded image's checked type and bytes, or not found (also for linked images, which Fireside does not hold).</summary>
    public async Task<(Attachment Attachment, byte[] Bytes)> GetUploadAsync(Guid reviewId, Guid attachmentId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        var attachment = await FindAttachmentAsync(reviewId, attachmentId, cancellationToken);
        var content = attachment.IsUpload
            ? await db.AttachmentContents.AsNoTracking().FirstOrDefaultAsync(c => c.AttachmentId == attachmentId, cancellationToken)
            : null;
        return content is null
            ? throw new NotFoundException($"Attachment {attachmentId} is a link to {attachment.Url}; Fireside does not keep a copy of it.")
            : (attachment, content.Bytes);
    }

    public async Task DeleteAttachmentAsync(Guid reviewId, Guid attachmentId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        db.Attachments.Remove(await FindAttachmentAsync(reviewId, attachmentId, cancellationToken));
        await SaveAsync("attachment", cancellationToken);
    }

    private async Task<Attachment> FindAttachmentAsync(Guid reviewId, Guid attachmentId, CancellationToken cancellationToken) =>
        await db.Attachments.Where(a => a.Id == attachmentId && a.ReviewId == reviewId).Join(db.Reviews.IgnoreQueryFilters(), a => a.ReviewId, r => r.Id, (a, _) => a).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no attachment {attachmentId} in review {reviewId}.");

    /// <summary>Chooses an entry into or out of the review's scope, or back to following the time window.</summary>
    public async Task SetScopeAsync(Guid reviewId, Guid entryId, ScopeChoice scope, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        var entry = await FindEntryAsync(reviewId, entryId, cancellationToken);
        entry.Scope = scope;
        await SaveAsync("timeline entry", cancellationToken);
    }

    public async Task DeleteAccountAsync(Guid reviewId, Guid accountId, CancellationToken cancellationToken)
    {
        var account = await FindAccountAsync(reviewId, accountId, cancellationToken);
        await permissions.EnsureMayEditAsync(account, cancellationToken);
        db.Accounts.Remove(account);
        await SaveAsync("account", cancellationToken);
    }

    /// <summary>Hides an entry as noise, or brings it back.</summary>
    public async Task SetHiddenAsync(Guid reviewId, Guid entryId, bool hidden, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        var entry = await FindEntryAsync(reviewId, entryId, cancellationToken);
        entry.IsHidden = hidden;
        await SaveAsync("timeline entry", cancellationToken);
    }

    /// <summary>
    /// Adds what a source says happened to the review's timeline: all of it or none, each source entry once,
    /// only inside the window when one is given (see <see cref="TimelineImport"/>).
    /// </summary>
    public async Task<ImportSummary> ImportTimelineAsync(Guid reviewId, Func<IEnumerable<Fireside.Importers.ImportedEntry>> read, DateTime? since, DateTime? until, Fireside.Importers.ImportLimits limits, CancellationToken cancellationToken)
    {
        await RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        return await TimelineImport.RunAsync(db, reviewId, read, since, until, Now, limits, cancellationToken);
    }

    /// <summary>Everything a review holds, for an export (private notes and survey answers stay behind).</summary>
    public async Task<ReviewArchive> ExportAsync(Guid id, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, id, cancellationToken);
        var archive = await ReviewArchives.ExportAsync(db, id, cancellationToken);
        if (archive.Review.Visibility == ReviewVisibility.Restricted)
        {
            // Who took a restricted review out of Fireside, and when (the title stays out of the log).
            db.RecordEvent(AuditKinds.RestrictedExported, id.ToString(), reviewId: id);
            await db.SaveChangesAsync(cancellationToken);
        }

        return archive;
    }

    /// <summary>
    /// Restores a review from its archive. Anyone may bring in a review in planning; one that is reviewed or
    /// published comes in only for an admin or for someone the file names as its facilitator.
    /// </summary>
    public async Task<Review> ImportAsync(ReviewArchive archive, CancellationToken cancellationToken)
    {
        Throw(ArchiveRules.Validate(archive, severities));
        if (await db.Reviews.IgnoreQueryFilters().AnyAsync(r => r.Id == archive.Review.Id && r.DeletedAt != null, cancellationToken))
        {
            // Restoring a deleted review from its archive replaces the deleted copy: the same right as restoring it.
            await permissions.EnsureAsync(ReviewAction.Delete, archive.Review.Id, cancellationToken);
        }

        var needs = ReviewAccess.StatusChange(ReviewStatus.Draft, archive.Review.Status);
        if (needs != ReviewAction.Contribute && !user.IsAdmin && !await FacilitatesInArchiveAsync(archive, cancellationToken))
        {
            throw new ForbiddenException($"This review is {archive.Review.Status.ToString().ToLowerInvariant()}. {ReviewAccess.Refusal(ReviewAction.Publish)} The file names its facilitators; one of them, or an admin, can bring it in.");
        }

        return await ReviewArchives.ImportAsync(db, archive, severities, cancellationToken, user.IsAdmin ? null : user.Id);
    }

    /// <summary>How many archives share one transaction when many are imported (each still all or nothing).</summary>
    public const int ArchivesPerTransaction = 50;

    /// <summary>
    /// Restores many archives, each all or nothing: a file that cannot be read or restored is rolled back to where it
    /// began and named in its outcome, and the rest still come in. Files share a transaction in groups of
    /// <see cref="ArchivesPerTransaction"/>, and the group's search documents are rebuilt once before it commits, so
    /// moving a whole library does not pay for a commit and an index refresh per review. Outcomes come after their
    /// group is committed: a review reported imported is saved.
    /// </summary>
    public async IAsyncEnumerable<ArchiveOutcome> ImportManyAsync(IEnumerable<ArchiveFile> files, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A caller that rebuilds the whole index afterwards (or measures what the index costs) may have deferred it.
        var index = !db.SearchRefreshDeferred;
        foreach (var group in files.Chunk(ArchivesPerTransaction))
        {
            var outcomes = new List<ArchiveOutcome>();
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                db.SearchRefreshDeferred = true;
                try
                {
                    if (index)
                    {
                        await SearchIndex.For(db).GatherAsync(db, cancellationToken);
                    }

                    foreach (var file in group)
                    {
                        outcomes.Add(await ImportOneAsync(transaction, file, cancellationToken));
                    }

                    var imported = outcomes.Where(o => o.Review is not null).Select(o => o.Review!.Id).ToList();
                    if (index && imported.Count > 0)
                    {
                        await db.RefreshSearchAsync(imported, cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                }
                finally
                {
                    db.SearchRefreshDeferred = !index;
                }
            }

            foreach (var outcome in outcomes)
            {
                yield return outcome;
            }
        }

        if (index)
        {
            await SearchIndex.For(db).SettleAsync(db, cancellationToken);
        }
    }

    private async Task<ArchiveOutcome> ImportOneAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, ArchiveFile file, CancellationToken cancellationToken)
    {
        const string before = "archive";
        await transaction.CreateSavepointAsync(before, cancellationToken);
        try
        {
            ReviewArchive archive;
            await using (var stream = file.Open())
            {
                archive = await ReviewArchives.ParseAsync(stream, Path.GetFileName(file.Name), cancellationToken);
            }

            var review = await ImportAsync(archive, cancellationToken);
            await transaction.ReleaseSavepointAsync(before, cancellationToken);
            return new ArchiveOutcome(file.Name, review, null, false);
        }
        catch (Exception e) when (e is DomainValidationException or ConflictException or ForbiddenException or DbUpdateException or IOException or UnauthorizedAccessException)
        {
            await transaction.RollbackToSavepointAsync(before, cancellationToken);
            var problem = e switch
            {
                DomainValidationException invalid => invalid.Errors.Messages(),
                DbUpdateException => ReviewArchives.Clash,
                _ => e.Message,
            };
            return new ArchiveOutcome(file.Name, null, problem, e is DomainValidationException);
        }
        finally
        {
            // What one file added is saved or rolled back; the next starts with nothing tracked.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> FacilitatesInArchiveAsync(ReviewArchive archive, CancellationToken cancellationToken)
    {
        if (user.Id is null)
        {
            return false;
        }

        var email = await db.Users.Where(u => u.Id == user.Id).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(cancellationToken);
        return email is not null && archive.Participants.Any(p =>
            p.Role is Core.Facilitation.ParticipantRole.Facilitator or Core.Facilitation.ParticipantRole.CoFacilitator
            && string.Equals(p.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task RequireReviewAsync(FiresideDb db, Guid reviewId, CancellationToken cancellationToken, bool includeDeleted = false)
    {
        if (!await (includeDeleted ? db.Reviews.IgnoreQueryFilters() : db.Reviews).AnyAsync(r => r.Id == reviewId, cancellationToken))
        {
            throw MissingReview(reviewId);
        }
    }

    public static NotFoundException MissingReview(Guid id) =>
        new($"There is no review with id {id}. It may have been deleted; deleted reviews can be restored from the list of deleted reviews.");

    /// <summary>
    /// The one way every edit is saved: the input must name the version it was based on; if someone saved
    /// since, the edit is refused (before saving, and again by the database if two saves race).
    /// </summary>
    private async Task<T> UpdateVersionedAsync<T>(
        string what, ValidationErrors errors, int? version, Func<Task<T>> load, Action<T> apply, CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        if (version is null)
        {
            errors.Add("version", $"Please send the version of the {what} you last read, so Fireside can tell if someone else changed it since.");
        }

        // Who may change it is checked as it loads, before anything about the input is said.
        var item = await load();
        Throw(errors);
        CheckVersion(item, version!.Value, what);
        db.ExpectVersion(item, version.Value);
        apply(item);
        await SaveAsync(what, cancellationToken);
        return item;
    }

    private static void CheckVersion(IVersioned item, int expected, string what)
    {
        if (item.Version != expected)
        {
            throw new ConflictException(
                $"Someone else saved this {what} after you loaded it (you had version {expected}, it is now version {item.Version}), so your change was not saved. Load it again to see their change, then reapply yours.");
        }
    }

    private async Task SaveAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConflictException(
                $"Someone else saved or deleted this {what} at the same moment, so your change was not saved. Load it again to see where it stands, then reapply yours.", e);
        }
    }

    public static void Throw(ValidationErrors errors)
    {
        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }
    }
}
