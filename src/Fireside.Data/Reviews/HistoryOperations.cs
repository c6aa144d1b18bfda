using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>One recorded change, as people read it; <paramref name="MayPutBack"/> when the reader may put its earlier text back.</summary>
public sealed record ChangeView(long Id, DateTime At, string Who, string? Via, string Part, string ItemId, string Change, string? Field, string? Before, string? After, bool MayPutBack = false);

/// <summary>A page of a review's history, newest first.</summary>
public sealed record HistoryPage(int Total, int Page, int PageSize, IReadOnlyList<ChangeView> Changes);

/// <summary>
/// A review's history: every recorded change, newest first, for whoever may read the review. Changes to the
/// facilitators' private notes are shown only to those who may read the notes.
/// </summary>
public sealed class HistoryOperations(FiresideDb db, Permissions permissions)
{
    public const int PageSize = 50;

    /// <summary>The parts a history can be narrowed to.</summary>
    public static IReadOnlyCollection<string> Parts => ChangeHistory.PartNames;

    public async Task<HistoryPage> ForReviewAsync(Guid reviewId, string? person, string? part, int page, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken, includeDeleted: true);
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        part = string.IsNullOrWhiteSpace(part) ? null : part.Trim().ToLowerInvariant();
        if (part is not null && !Parts.Contains(part))
        {
            throw DomainValidationException.For("part", $"A review's history has these parts: {string.Join(", ", Parts)}.");
        }

        var mayReadNotes = await permissions.MayAsync(ReviewAction.ReadPrivateNotes, reviewId, cancellationToken);
        var changes = db.Changes.AsNoTracking().Where(c => c.ReviewId == reviewId && (mayReadNotes || !c.Private));
        if (!string.IsNullOrWhiteSpace(person))
        {
            var who = person.Trim();
            changes = changes.Where(c => c.ActorName == who || c.ActorId == who);
        }

        if (part is not null)
        {
            changes = changes.Where(c => c.Part == part);
        }

        page = Math.Max(1, page);
        var total = await changes.CountAsync(cancellationToken);
        var rows = await changes.OrderByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);

        // Readers added by name are kept by account; they are shown by name.
        var readers = rows.Where(r => r.Part == "reader").SelectMany(r => new[] { r.Before, r.After }).OfType<string>().Distinct().ToList();
        var names = readers.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => readers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? Shown(string part, string? value) => part == "reader" && value is not null && names.TryGetValue(value, out var name) ? name : value;
        var mayPutBack = await PutBackRightsAsync(reviewId, rows, cancellationToken);
        return new HistoryPage(total, page, PageSize, [.. rows.Select(r => new ChangeView(
            r.Id, r.At, r.ActorName, r.Via, r.Part, r.ItemId, r.Change, r.Field, Shown(r.Part, r.Before), Shown(r.Part, r.After), mayPutBack.Contains(r.Id)))]);
    }

    /// <summary>The names of everyone who changed something in this review, for the history's filter.</summary>
    public async Task<IReadOnlyList<string>> PeopleAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        var mayReadNotes = await permissions.MayAsync(ReviewAction.ReadPrivateNotes, reviewId, cancellationToken);
        var names = await db.Changes.AsNoTracking().Where(c => c.ReviewId == reviewId && (mayReadNotes || !c.Private)).Select(c => c.ActorName).Distinct().ToListAsync(cancellationToken);
        return [.. names.Order(StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The parts whose earlier texts can be put back, and what they are kept as.</summary>
    private static readonly Dictionary<string, Type> Restorable = new()
    {
        ["review"] = typeof(Review),
        ["moment"] = typeof(TimelineEntry),
        ["account"] = typeof(Account),
        ["takeaway"] = typeof(Takeaway),
        ["factor"] = typeof(ContributingFactor),
        ["remediation"] = typeof(RemediationItem),
    };

    /// <summary>Fields that are text in the database but chosen from a list: they are changed where they are chosen.</summary>
    private static readonly HashSet<string> Chosen = ["severity"];

    /// <summary>Why this change's earlier text cannot be put back, or null when it can (rights aside).</summary>
    private string? WhyNot(ChangeRecord change) =>
        !Restorable.TryGetValue(change.Part, out var type) || change.Change != "changed" || Chosen.Contains(change.Field ?? "")
            || ChangeHistory.TextProperty(db.Model.FindEntityType(type)!, change.Field) is null
            ? "Only an earlier text can be put back: a field of the review, a moment, an account, a takeaway, a factor or a remediation item."
            : string.IsNullOrEmpty(change.Before) ? "It was empty before. To empty it again, clear it where it is written."
            : change.Before.Length >= ChangeRecord.ValueMaxLength ? "This text was too long to be kept whole in the history, so it cannot be put back from it."
            : null;

    /// <summary>Which of these changes the reader may put back: those that can be, whose item is still there, and which the reader may change.</summary>
    private async Task<HashSet<long>> PutBackRightsAsync(Guid reviewId, List<ChangeRecord> rows, CancellationToken cancellationToken)
    {
        var candidates = rows.Where(r => WhyNot(r) is null).ToList();
        if (candidates.Count == 0 || !await permissions.MayAsync(ReviewAction.Contribute, reviewId, cancellationToken))
        {
            return [];
        }

        // Which items are still there: only the parts this page names are asked about.
        List<Guid> Ids(string part) => [.. candidates.Where(c => c.Part == part).Select(c => Guid.TryParse(c.ItemId, out var id) ? id : Guid.Empty).Distinct()];
        async Task<List<Guid>> StillThereAsync<T>(IQueryable<T> items, string part, System.Linq.Expressions.Expression<Func<T, Guid>> id, System.Linq.Expressions.Expression<Func<T, bool>> inReview)
        {
            var ids = Ids(part);
            return ids.Count == 0 ? [] : await items.Where(inReview).Select(id).Where(x => ids.Contains(x)).ToListAsync(cancellationToken);
        }

        var present = new HashSet<Guid>();
        if (candidates.Any(c => c.Part == "review"))
        {
            present.Add(reviewId);
        }

        present.UnionWith(await StillThereAsync(db.TimelineEntries, "moment", e => e.Id, e => e.ReviewId == reviewId));
        present.UnionWith(await StillThereAsync(db.Takeaways, "takeaway", e => e.Id, e => e.ReviewId == reviewId));
        present.UnionWith(await StillThereAsync(db.ContributingFactors, "factor", e => e.Id, e => e.ReviewId == reviewId));
        present.UnionWith(await StillThereAsync(db.RemediationItems, "remediation", e => e.Id, e => e.ReviewId == reviewId));
        var accountIds = Ids("account");
        if (accountIds.Count > 0)
        {
            var mayEditOthers = await permissions.MayAsync(ReviewAction.EditOthersAccounts, reviewId, cancellationToken);
            var accounts = await db.Accounts.Where(a => a.ReviewId == reviewId && accountIds.Contains(a.Id)).Select(a => new { a.Id, a.CreatedById }).ToListAsync(cancellationToken);
            present.UnionWith(accounts.Where(a => mayEditOthers || permissions.MayEditOwn(a.CreatedById)).Select(a => a.Id));
        }
        return [.. candidates.Where(c => Guid.TryParse(c.ItemId, out var id) && present.Contains(id)).Select(c => c.Id)];
    }

    /// <summary>
    /// Puts back the text a field had before this change. It is saved like any edit (through the permission
    /// service, a new version, the search index) and so recorded in the history itself.
    /// </summary>
    public async Task PutBackAsync(Guid reviewId, long changeId, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        var change = await db.Changes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId && c.ReviewId == reviewId && !c.Private, cancellationToken)
            ?? throw new NotFoundException("This review's history has no such change.");
        if (WhyNot(change) is { } why)
        {
            throw DomainValidationException.For("change", why);
        }

        var type = Restorable[change.Part];
        var item = Guid.TryParse(change.ItemId, out var itemId) ? await db.FindAsync(type, [itemId], cancellationToken) : null;
        if (item is null || (item is Review review ? review.Id != reviewId : db.Entry(item).Property("ReviewId").CurrentValue as Guid? != reviewId))
        {
            throw new NotFoundException($"That {change.Part} has been removed since, so there is nothing to put the text back into.");
        }

        if (item is Account account)
        {
            await permissions.EnsureMayEditAsync(account, cancellationToken);
        }

        var entry = db.Entry(item);
        entry.Property(ChangeHistory.TextProperty(entry.Metadata, change.Field)!.Name).CurrentValue = change.Before;
        if (entry.Metadata.FindProperty("UpdatedAt") is { } updated && updated.ClrType == typeof(DateTime))
        {
            entry.Property(updated.Name).CurrentValue = db.Now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConflictException($"Someone else saved this {change.Part} at the same moment, so the earlier text was not put back. Load the history again and try once more.", e);
        }
    }
}
