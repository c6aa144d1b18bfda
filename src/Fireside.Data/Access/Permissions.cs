using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// Who may do what, for every entry point (pages, API, the room's hub, the command line): finds the current
/// person's standing on a review and asks <see cref="ReviewAccess"/>. Operations call it before they change anything.
/// </summary>
public sealed class Permissions(FiresideDb db, CurrentUser user)
{
    public CurrentUser User => user;

    /// <summary>The current person's roles on a review, whether it has facilitators, private notes, is restricted and they were granted access (two queries).</summary>
    public async Task<ReviewStanding> StandingAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        if (!user.IsSignedIn)
        {
            return ReviewStanding.Nobody;
        }

        var userId = user.Id;
        var roles = await db.Participants.AsNoTracking().Where(p => p.ReviewId == reviewId && p.UserId == userId).Select(p => p.Role).ToListAsync(cancellationToken);
        var facts = await db.Reviews.IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == reviewId).Select(r => new
        {
            HasAnyFacilitation = db.Participants.Any(p => p.ReviewId == reviewId
                && (p.Role == ParticipantRole.Facilitator || p.Role == ParticipantRole.CoFacilitator || p.Role == ParticipantRole.ShadowFacilitator)),
            HasNotes = db.FacilitatorNotes.Any(n => n.ReviewId == reviewId),
            Restricted = r.Visibility == ReviewVisibility.Restricted,
            Granted = db.AccessGrants.Any(g => g.ReviewId == reviewId && g.UserId == userId),
            Published = r.Status == ReviewStatus.Published,
        }).FirstOrDefaultAsync(cancellationToken);
        return facts is null
            ? new ReviewStanding(true, user.IsAdmin, new HashSet<ParticipantRole>(), false, false)
            : new ReviewStanding(true, user.IsAdmin, roles.ToHashSet(), facts.HasAnyFacilitation, facts.HasNotes, facts.Restricted, facts.Granted, facts.Published);
    }

    /// <summary>
    /// Who sees the same things as this reader, as a key for what is worked out once and kept (the insights):
    /// everyone signed in, and admins also read survey answers. Insights count restricted reviews in the
    /// organisation's totals (they show numbers, never a title), so a restricted review does not change this.
    /// </summary>
    public string ReadScope => !user.IsSignedIn ? "nobody" : user.IsAdmin ? "admin" : "signed-in";

    /// <summary>
    /// Who reads the same reviews as this reader for the insights' facts (numbers only, never a title): everyone
    /// signed in counts every review, restricted ones too (see <see cref="CountedReviews"/>).
    /// </summary>
    public string ReadableReviewsScope => user.IsSignedIn ? "signed-in" : "nobody";

    /// <summary>
    /// The reviews that count in the organisation's numbers (the insights): every review that is not deleted, for
    /// anyone signed in. A restricted review counts here without its title or words ever being shown.
    /// </summary>
    public IQueryable<Review> CountedReviews() =>
        user.IsSignedIn ? db.Reviews.AsNoTracking() : db.Reviews.AsNoTracking().Where(_ => false);

    /// <summary>
    /// Whether the reader reads every review that is not deleted, so that <see cref="ReadableReviews"/> and
    /// <see cref="ReadableHits"/> leave nothing out (a search may then count its matches in the index alone):
    /// admins, and anyone when no restricted review is closed to them. Asked once per person and kept.
    /// </summary>
    public async Task<bool> ReadsEveryReviewAsync(CancellationToken cancellationToken)
    {
        if (!user.IsSignedIn)
        {
            return false;
        }

        if (user.IsAdmin)
        {
            return true;
        }

        if (readsEvery is { } known && known.UserId == user.Id)
        {
            return known.Answer;
        }

        var answer = !await ClosedReviewIds().AnyAsync(cancellationToken);
        readsEvery = (user.Id, answer);
        return answer;
    }

    private (string? UserId, bool Answer)? readsEvery;

    /// <summary>
    /// The restricted reviews closed to the reader, by id: none for admins, and few for anyone (a narrowed chart
    /// leaves them out so that it never singles one out).
    /// </summary>
    public async Task<IReadOnlySet<Guid>> ClosedReviewsAsync(CancellationToken cancellationToken)
    {
        if (closedReviews is { } known && known.UserId == user.Id)
        {
            return known.Ids;
        }

        IReadOnlySet<Guid> ids = !user.IsSignedIn || await ReadsEveryReviewAsync(cancellationToken)
            ? new HashSet<Guid>()
            : [.. await ClosedReviewIds().ToListAsync(cancellationToken)];
        closedReviews = (user.Id, ids);
        return ids;
    }

    private (string? UserId, IReadOnlySet<Guid> Ids)? closedReviews;

    /// <summary>Whether the reader may see survey answers across the organisation (admins; a review's facilitators see their own review's).</summary>
    public bool ReadsAllSurveys => user.IsSignedIn && user.IsAdmin;

    /// <summary>
    /// The reviews the current person may read, as a query to build on, so that lists, search, facets and counts
    /// decide it inside the database rather than row by row. Deleted reviews are left out by the model's filter.
    /// A restricted review is read by its participants (any role), the people granted access, and admins.
    /// With <paramref name="deleted"/>, the deleted reviews instead (the list they are brought back from).
    /// </summary>
    public IQueryable<Review> ReadableReviews(bool deleted = false)
    {
        var reviews = (deleted ? db.Reviews.IgnoreQueryFilters().Where(r => r.DeletedAt != null) : db.Reviews).AsNoTracking();
        if (!user.IsSignedIn)
        {
            return reviews.Where(_ => false);
        }

        if (user.IsAdmin)
        {
            return reviews;
        }

        var userId = user.Id;
        return reviews.Where(r => r.Visibility == ReviewVisibility.Organisation
            || db.Participants.Any(p => p.ReviewId == r.Id && p.UserId == userId)
            || db.AccessGrants.Any(g => g.ReviewId == r.Id && g.UserId == userId));
    }

    /// <summary>
    /// Of these search rows (a review's <see cref="SearchEntry"/>, one per review that is not deleted), the ones the
    /// current person may read: the same rule as <see cref="ReadableReviews"/>, decided on the narrow rows that a
    /// search counts and ranks, so that a word found in thousands of reviews does not look up each review: the few
    /// restricted reviews closed to the reader are left out by id. The two must change together.
    /// </summary>
    public IQueryable<SearchHit> ReadableHits(IQueryable<SearchHit> hits)
    {
        if (!user.IsSignedIn)
        {
            return hits.Where(_ => false);
        }

        if (user.IsAdmin)
        {
            return hits;
        }

        var closed = ClosedReviewIds();
        return hits.Where(h => !closed.Contains(h.ReviewId));
    }

    /// <summary>
    /// Of these search rows, the ones the current person may not read (restricted reviews closed to them): few,
    /// so a search that counts its matches in the index alone takes these off its total.
    /// </summary>
    public IQueryable<SearchHit> ClosedHits(IQueryable<SearchHit> hits)
    {
        if (!user.IsSignedIn)
        {
            return hits;
        }

        if (user.IsAdmin)
        {
            return hits.Where(_ => false);
        }

        var closed = ClosedReviewIds();
        return hits.Where(h => closed.Contains(h.ReviewId));
    }

    /// <summary>The restricted reviews the current person (signed in, not an admin) may not read; deleted ones too when asked (a deleted review's door).</summary>
    private IQueryable<Guid> ClosedReviewIds(bool deletedToo = false)
    {
        var userId = user.Id;
        return (deletedToo ? db.Reviews.IgnoreQueryFilters() : db.Reviews).Where(r => r.Visibility == ReviewVisibility.Restricted
                && !db.Participants.Any(p => p.ReviewId == r.Id && p.UserId == userId)
                && !db.AccessGrants.Any(g => g.ReviewId == r.Id && g.UserId == userId))
            .Select(r => r.Id);
    }

    /// <summary>The ids of the people in the admin role, as a query (to read as someone who is not signed in here: a feed, a subscription).</summary>
    public static IQueryable<string> AdminIds(FiresideDb db) =>
        db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);

    public async Task<bool> MayAsync(ReviewAction action, Guid reviewId, CancellationToken cancellationToken) =>
        ReviewAccess.Allows(await StandingForAsync(action, reviewId, cancellationToken), action);

    /// <summary>
    /// The standing an action needs to be decided: reading only asks whether the review is closed to the person
    /// (nothing for admins, one small query otherwise); contributing asks that and whether it is published (one small
    /// query); the rest read their roles.
    /// </summary>
    private async Task<ReviewStanding> StandingForAsync(ReviewAction action, Guid reviewId, CancellationToken cancellationToken)
    {
        if (!user.IsSignedIn)
        {
            return ReviewStanding.Nobody;
        }

        if (user.IsAdmin)
        {
            var published = ReviewAccess.ChangesTheStory(action) && await PublishedAsync(reviewId, cancellationToken);
            return new ReviewStanding(true, true, new HashSet<ParticipantRole>(), false, false, IsPublished: published);
        }

        if (action is ReviewAction.Read)
        {
            var closed = await ClosedReviewIds(deletedToo: true).AnyAsync(id => id == reviewId, cancellationToken);
            return new ReviewStanding(true, false, new HashSet<ParticipantRole>(), false, false, IsRestricted: closed);
        }

        if (action is ReviewAction.Contribute)
        {
            var closedIds = ClosedReviewIds(deletedToo: true);
            var facts = await db.Reviews.IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == reviewId)
                .Select(r => new { Closed = closedIds.Contains(r.Id), Published = r.Status == ReviewStatus.Published })
                .FirstOrDefaultAsync(cancellationToken);
            return new ReviewStanding(true, false, new HashSet<ParticipantRole>(), false, false, IsRestricted: facts?.Closed ?? false, IsPublished: facts?.Published ?? false);
        }

        return await StandingAsync(reviewId, cancellationToken);
    }

    private Task<bool> PublishedAsync(Guid reviewId, CancellationToken cancellationToken) =>
        db.Reviews.IgnoreQueryFilters().AnyAsync(r => r.Id == reviewId && r.Status == ReviewStatus.Published, cancellationToken);

    /// <summary>
    /// Refuses with <see cref="ForbiddenException"/> (403 in the API, a friendly page on pages) when this is not the
    /// person's to do. When the review is restricted and closed to them, the refusal says so and carries the review,
    /// so that the page and the API can offer to ask its facilitators for access (never its title or content).
    /// </summary>
    public async Task EnsureAsync(ReviewAction action, Guid reviewId, CancellationToken cancellationToken)
    {
        var standing = await StandingForAsync(action, reviewId, cancellationToken);
        if (!ReviewAccess.Allows(standing, action))
        {
            throw standing.IsSignedIn && !standing.MayRead
                ? new ForbiddenException(ReviewAccess.RestrictedRefusal, reviewId)
                : standing.IsPublished && ReviewAccess.ChangesTheStory(action)
                    ? new ForbiddenException(ReviewAccess.PublishedRefusal)
                    : new ForbiddenException(ReviewAccess.Refusal(action));
        }
    }

    /// <summary>An account may be changed by the person who wrote it, the review's facilitators and admins.</summary>
    public async Task EnsureMayEditAsync(Account account, CancellationToken cancellationToken) =>
        // The author too must still be able to read the review (a review restricted since keeps its author's account closed to them).
        await EnsureAsync(MayEditOwn(account.CreatedById) ? ReviewAction.Contribute : ReviewAction.EditOthersAccounts, account.ReviewId, cancellationToken);

    public bool MayEditOwn(string? createdById) => user.IsSignedIn && createdById is not null && createdById == user.Id;

    /// <summary>Organisation-wide settings (people, the question bank, the default agenda) are the admins'.</summary>
    public void EnsureAdmin(string what)
    {
        if (!user.IsAdmin)
        {
            throw new ForbiddenException($"{what} is for admins. Ask one of them if something should change.");
        }
    }

    /// <summary>A status change goes only along the named moves, and the ones that reach or leave Reviewed and Published are the facilitators'.</summary>
    public async Task EnsureStatusChangeAsync(Guid reviewId, ReviewStatus from, ReviewStatus to, CancellationToken cancellationToken)
    {
        var needs = ReviewAccess.StatusChange(from, to)
            ?? throw DomainValidationException.For("status", $"A published review goes back to Reviewed first (reopen it); from there it can move to {to}.");
        await EnsureAsync(needs, reviewId, cancellationToken);
    }
}
