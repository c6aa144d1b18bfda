using Fireside.Core;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// The changes people make to reviews, the same from a page, the API or the CLI: validate,
/// apply, save, and refuse to overwrite someone else's newer work.
/// </summary>
public static class ReviewChanges
{
    public static Task<Review?> FindAsync(FiresideDb db, Guid id, bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        FindAsync(db, id, includeDeleted, tracking: true, cancellationToken);

    /// <summary>Pages that only read a review load it untracked: much less work for long timelines.</summary>
    public static Task<Review?> FindForReadingAsync(FiresideDb db, Guid id, CancellationToken cancellationToken = default) =>
        FindAsync(db, id, includeDeleted: true, tracking: false, cancellationToken);

    private static Task<Review?> FindAsync(FiresideDb db, Guid id, bool includeDeleted, bool tracking, CancellationToken cancellationToken)
    {
        var reviews = includeDeleted ? db.Reviews.IgnoreQueryFilters() : db.Reviews;
        reviews = tracking ? reviews : reviews.AsNoTracking();
        return reviews.Include(r => r.Timeline).Include(r => r.Accounts).Include(r => r.Attachments).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    public static async Task<Review> GetAsync(FiresideDb db, Guid id, bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        await FindAsync(db, id, includeDeleted, cancellationToken) ?? throw MissingReview(id);

    public static async Task<Review> CreateAsync(FiresideDb db, ReviewInput input, SeverityCatalog severities, string? userId, DateTime now, CancellationToken cancellationToken = default)
    {
        Throw(ReviewRules.Validate(input, severities));
        var review = new Review { CreatedAt = now, CreatedById = userId };
        review.Apply(input with { Severity = severities.Canonical(input.Severity) }, now);
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        return review;
    }

    public static Task<Review> UpdateAsync(FiresideDb db, Guid id, ReviewInput input, SeverityCatalog severities, DateTime now, CancellationToken cancellationToken = default) =>
        UpdateVersionedAsync(db, "review", ReviewRules.Validate(input, severities), input.Version,
            () => GetAsync(db, id, cancellationToken: cancellationToken),
            review => review.Apply(input with { Severity = severities.Canonical(input.Severity) }, now),
            cancellationToken);

    public static async Task DeleteAsync(FiresideDb db, Guid id, DateTime now, CancellationToken cancellationToken = default)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw MissingReview(id);
        review.DeletedAt = now;
        await SaveAsync(db, "review", cancellationToken);
    }

    public static async Task<Review> RestoreAsync(FiresideDb db, Guid id, CancellationToken cancellationToken = default)
    {
        var review = await GetAsync(db, id, includeDeleted: true, cancellationToken);
        review.DeletedAt = null;
        await SaveAsync(db, "review", cancellationToken);
        return review;
    }

    public static async Task<TimelineEntry> AddEntryAsync(FiresideDb db, Guid reviewId, TimelineEntryInput input, DateTime now, CancellationToken cancellationToken = default)
    {
        Throw(ReviewRules.Validate(input));
        await RequireReviewAsync(db, reviewId, cancellationToken);
        var entry = new TimelineEntry { ReviewId = reviewId, CreatedAt = now };
        entry.Apply(input, now);
        db.TimelineEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public static Task<TimelineEntry> UpdateEntryAsync(FiresideDb db, Guid reviewId, Guid entryId, TimelineEntryInput input, DateTime now, CancellationToken cancellationToken = default) =>
        UpdateVersionedAsync(db, "timeline entry", ReviewRules.Validate(input), input.Version,
            () => FindEntryAsync(db, reviewId, entryId, cancellationToken),
            entry => entry.Apply(input, now),
            cancellationToken);

    public static async Task DeleteEntryAsync(FiresideDb db, Guid reviewId, Guid entryId, CancellationToken cancellationToken = default)
    {
        var entry = await FindEntryAsync(db, reviewId, entryId, cancellationToken);
        db.TimelineEntries.Remove(entry);
        await SaveAsync(db, "timeline entry", cancellationToken);
    }

    public static async Task<TimelineEntry> FindEntryAsync(FiresideDb db, Guid reviewId, Guid entryId, CancellationToken cancellationToken = default)
    {
        var visible = await db.TimelineEntries
            .Where(e => e.Id == entryId && e.ReviewId == reviewId)
            .Join(db.Reviews, e => e.ReviewId, r => r.Id, (e, _) => e)
            .FirstOrDefaultAsync(cancellationToken);
        return visible ?? throw new NotFoundException($"There is no timeline entry {entryId} in review {reviewId}.");
    }

    public static async Task<Account> AddAccountAsync(FiresideDb db, Guid reviewId, Guid entryId, AccountInput input, string? userId, DateTime now, CancellationToken cancellationToken = default)
    {
        Throw(ReviewRules.Validate(input));
        await FindEntryAsync(db, reviewId, entryId, cancellationToken);
        var account = new Account { ReviewId = reviewId, EntryId = entryId, CreatedById = userId, CreatedAt = now };
        account.Apply(input, now);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Adds someone's account of a stretch of time (from the first alert to the rollback, say) rather than of one moment.</summary>
    public static async Task<Account> AddSpanAccountAsync(FiresideDb db, Guid reviewId, AccountInput input, string? userId, DateTime now, CancellationToken cancellationToken = default)
    {
        Throw(ReviewRules.ValidateSpan(input));
        await RequireReviewAsync(db, reviewId, cancellationToken);
        var account = new Account { ReviewId = reviewId, CreatedById = userId, CreatedAt = now };
        account.Apply(input, now);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public static async Task<Account> UpdateAccountAsync(FiresideDb db, Guid reviewId, Guid accountId, AccountInput input, DateTime now, CancellationToken cancellationToken = default)
    {
        var account = await FindAccountAsync(db, reviewId, accountId, cancellationToken);
        var errors = account.IsSpan ? ReviewRules.ValidateSpan(input with
        {
            SpanStartsAt = input.SpanStartsAt ?? ReviewDocument.Utc(account.SpanStartsAt),
            SpanEndsAt = input.SpanEndsAt ?? ReviewDocument.Utc(account.SpanEndsAt),
        }) : ReviewRules.Validate(input);
        return await UpdateVersionedAsync(db, "account", errors, input.Version, () => Task.FromResult(account), a => a.Apply(input, now), cancellationToken);
    }

    public static async Task<Account> FindAccountAsync(FiresideDb db, Guid reviewId, Guid accountId, CancellationToken cancellationToken = default) =>
        await db.Accounts.Where(a => a.Id == accountId && a.ReviewId == reviewId).Join(db.Reviews, a => a.ReviewId, r => r.Id, (a, _) => a).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no account {accountId} in review {reviewId}.");

    /// <summary>Keeps an uploaded image with a moment. The bytes are checked to be a PNG, JPEG, GIF or WebP image first.</summary>
    public static async Task<Attachment> AddUploadAsync(
        FiresideDb db, Guid reviewId, Guid entryId, string? fileName, byte[] bytes, string? caption, string? userId, DateTime now, CancellationToken cancellationToken = default)
    {
        Throw(AttachmentRules.ValidateUpload(fileName, bytes.LongLength, bytes, caption));
        await FindEntryAsync(db, reviewId, entryId, cancellationToken);
        var attachment = new Attachment
        {
            ReviewId = reviewId,
            EntryId = entryId,
            Caption = caption?.Trim() ?? "",
            FileName = string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName.Trim()),
            ContentType = AttachmentRules.DetectImageType(bytes),
            Size = bytes.LongLength,
            CreatedById = userId,
            CreatedAt = now,
        };
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Bytes = bytes });
        await db.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    /// <summary>Shows an image that lives elsewhere (a dashboard's snapshot link, say) with a moment.</summary>
    public static async Task<Attachment> AddLinkedImageAsync(
        FiresideDb db, Guid reviewId, Guid entryId, string? url, string? caption, string? userId, DateTime now, CancellationToken cancellationToken = default)
    {
        Throw(AttachmentRules.ValidateLink(url, caption));
        await FindEntryAsync(db, reviewId, entryId, cancellationToken);
        var attachment = new Attachment { ReviewId = reviewId, EntryId = entryId, Caption = caption?.Trim() ?? "", Url = url!.Trim(), CreatedById = userId, CreatedAt = now };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    /// <summary>An uploaded image's checked type and bytes, or not found (also for linked images, which Fireside does not hold).</summary>
    public static async Task<(Attachment Attachment, byte[] Bytes)> GetUploadAsync(FiresideDb db, Guid reviewId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var attachment = await FindAttachmentAsync(db, reviewId, attachmentId, cancellationToken);
        var content = attachment.IsUpload
            ? await db.AttachmentContents.AsNoTracking().FirstOrDefaultAsync(c => c.AttachmentId == attachmentId, cancellationToken)
            : null;
        return content is null
            ? throw new NotFoundException($"Attachment {attachmentId} is a link to {attachment.Url}; Fireside does not keep a copy of it.")
            : (attachment, content.Bytes);
    }

    public static async Task DeleteAttachmentAsync(FiresideDb db, Guid reviewId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        db.Attachments.Remove(await FindAttachmentAsync(db, reviewId, attachmentId, cancellationToken));
        await SaveAsync(db, "attachment", cancellationToken);
    }

    private static async Task<Attachment> FindAttachmentAsync(FiresideDb db, Guid reviewId, Guid attachmentId, CancellationToken cancellationToken) =>
        await db.Attachments.Where(a => a.Id == attachmentId && a.ReviewId == reviewId).Join(db.Reviews.IgnoreQueryFilters(), a => a.ReviewId, r => r.Id, (a, _) => a).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no attachment {attachmentId} in review {reviewId}.");

    /// <summary>Chooses an entry into or out of the review's scope, or back to following the time window.</summary>
    public static async Task SetScopeAsync(FiresideDb db, Guid reviewId, Guid entryId, ScopeChoice scope, CancellationToken cancellationToken = default)
    {
        var entry = await FindEntryAsync(db, reviewId, entryId, cancellationToken);
        entry.Scope = scope;
        await SaveAsync(db, "timeline entry", cancellationToken);
    }

    public static async Task DeleteAccountAsync(FiresideDb db, Guid reviewId, Guid accountId, CancellationToken cancellationToken = default)
    {
        db.Accounts.Remove(await FindAccountAsync(db, reviewId, accountId, cancellationToken));
        await SaveAsync(db, "account", cancellationToken);
    }

    /// <summary>Hides an entry as noise, or brings it back.</summary>
    public static async Task SetHiddenAsync(FiresideDb db, Guid reviewId, Guid entryId, bool hidden, CancellationToken cancellationToken = default)
    {
        var entry = await FindEntryAsync(db, reviewId, entryId, cancellationToken);
        entry.IsHidden = hidden;
        await SaveAsync(db, "timeline entry", cancellationToken);
    }

    public static async Task RequireReviewAsync(FiresideDb db, Guid reviewId, CancellationToken cancellationToken = default)
    {
        if (!await db.Reviews.AnyAsync(r => r.Id == reviewId, cancellationToken))
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
    private static async Task<T> UpdateVersionedAsync<T>(
        FiresideDb db, string what, ValidationErrors errors, int? version, Func<Task<T>> load, Action<T> apply, CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        if (version is null)
        {
            errors.Add("version", $"Please send the version of the {what} you last read, so Fireside can tell if someone else changed it since.");
        }

        Throw(errors);
        var item = await load();
        CheckVersion(item, version!.Value, what);
        db.ExpectVersion(item, version.Value);
        apply(item);
        await SaveAsync(db, what, cancellationToken);
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

    private static async Task SaveAsync(FiresideDb db, string what, CancellationToken cancellationToken)
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
