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

    /// <summary>The current person's roles on a review (one query), whether it has facilitators, and whether it has private notes.</summary>
    public async Task<ReviewStanding> StandingAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        if (!user.IsSignedIn)
        {
            return ReviewStanding.Nobody;
        }

        var userId = user.Id;
        var facts = await db.Participants.AsNoTracking()
            .Where(p => p.ReviewId == reviewId && (p.UserId == userId || p.Role == ParticipantRole.Facilitator || p.Role == ParticipantRole.CoFacilitator || p.Role == ParticipantRole.ShadowFacilitator))
            .Select(p => new { p.UserId, p.Role })
            .ToListAsync(cancellationToken);
        var hasNotes = await db.FacilitatorNotes.AnyAsync(n => n.ReviewId == reviewId, cancellationToken);
        return new ReviewStanding(
            true,
            user.IsAdmin,
            facts.Where(f => userId is not null && f.UserId == userId).Select(f => f.Role).ToHashSet(),
            facts.Any(f => ReviewAccess.IsFacilitationRole(f.Role)),
            hasNotes);
    }

    /// <summary>
    /// Who sees the same things as this reader, as a key for what is worked out once and kept (the insights):
    /// today everyone signed in reads every review, and admins also read survey answers. Restricted reviews must
    /// make this per person where it differs.
    /// </summary>
    public string ReadScope => !user.IsSignedIn ? "nobody" : user.IsAdmin ? "admin" : "signed-in";

    /// <summary>
    /// Who reads the same reviews as this reader (whatever else they may see), as a key for facts about those reviews
    /// that are read once and kept (the insights' facts): today everyone signed in reads every review. Restricted
    /// reviews must make this per person where it differs.
    /// </summary>
    public string ReadableReviewsScope => user.IsSignedIn ? "signed-in" : "nobody";

    /// <summary>
    /// Whether the reader reads every review that is not deleted, so that <see cref="ReadableReviews"/> and
    /// <see cref="ReadableHits"/> leave nothing out (a search may then count its matches in the index alone).
    /// Restricted reviews must make this false for anyone who cannot read one of them.
    /// </summary>
    public bool ReadsEveryReview => user.IsSignedIn;

    /// <summary>Whether the reader may see survey answers across the organisation (admins; a review's facilitators see their own review's).</summary>
    public bool ReadsAllSurveys => user.IsSignedIn && user.IsAdmin;

    /// <summary>
    /// The reviews the current person may read, as a query to build on, so that lists, search, facets and counts
    /// decide it inside the database rather than row by row. Deleted reviews are left out by the model's filter.
    /// Everyone signed in reads every review today; restricted reviews will narrow this one place.
    /// </summary>
    public IQueryable<Review> ReadableReviews() =>
        user.IsSignedIn ? db.Reviews.AsNoTracking() : db.Reviews.AsNoTracking().Where(_ => false);

    /// <summary>
    /// Of these search rows (a review's <see cref="SearchEntry"/>, one per review that is not deleted), the ones the
    /// current person may read: the same rule as <see cref="ReadableReviews"/>, decided on the narrow rows that a
    /// search counts and ranks, so that a word found in thousands of reviews does not look up each review. The two
    /// must change together (restricted reviews will add their rule to both).
    /// </summary>
    public IQueryable<SearchHit> ReadableHits(IQueryable<SearchHit> hits) =>
        user.IsSignedIn ? hits : hits.Where(_ => false);

    /// <summary>The ids of the people in the admin role, as a query (to read as someone who is not signed in here: a feed, a subscription).</summary>
    public static IQueryable<string> AdminIds(FiresideDb db) =>
        db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);

    public async Task<bool> MayAsync(ReviewAction action, Guid reviewId, CancellationToken cancellationToken) =>
        action is ReviewAction.Read or ReviewAction.Contribute || user.IsAdmin
            ? ReviewAccess.Allows(user.IsSignedIn ? new ReviewStanding(true, user.IsAdmin, new HashSet<ParticipantRole>(), false, false) : ReviewStanding.Nobody, action)
            : ReviewAccess.Allows(await StandingAsync(reviewId, cancellationToken), action);

    /// <summary>Refuses with <see cref="ForbiddenException"/> (403 in the API, a friendly page on pages) when this is not the person's to do.</summary>
    public async Task EnsureAsync(ReviewAction action, Guid reviewId, CancellationToken cancellationToken)
    {
        if (!await MayAsync(action, reviewId, cancellationToken))
        {
            throw new ForbiddenException(ReviewAccess.Refusal(action));
        }
    }

    /// <summary>An account may be changed by the person who wrote it, the review's facilitators and admins.</summary>
    public async Task EnsureMayEditAsync(Account account, CancellationToken cancellationToken)
    {
        if (!MayEditOwn(account.CreatedById))
        {
            await EnsureAsync(ReviewAction.EditOthersAccounts, account.ReviewId, cancellationToken);
        }
    }

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
            ?? throw DomainValidationException.For("status", $"A published review goes back to Reviewed first (unpublish it); from there it can move to {to}.");
        await EnsureAsync(needs, reviewId, cancellationToken);
    }
}
