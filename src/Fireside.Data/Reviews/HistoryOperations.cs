using Fireside.Core;
using Fireside.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>One recorded change, as people read it.</summary>
public sealed record ChangeView(long Id, DateTime At, string Who, string? Via, string Part, string ItemId, string Change, string? Field, string? Before, string? After);

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
        return new HistoryPage(total, page, PageSize, [.. rows.Select(r => new ChangeView(
            r.Id, r.At, r.ActorName, r.Via, r.Part, r.ItemId, r.Change, r.Field, Shown(r.Part, r.Before), Shown(r.Part, r.After)))]);
    }
}
