using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>A person who may read a restricted review because they were granted access by name.</summary>
public sealed record GrantedPerson(string UserId, string Name, string? Email, DateTime GrantedAt);

/// <summary>Someone waiting for an answer to their request to read a restricted review.</summary>
public sealed record WaitingRequest(Guid Id, string UserId, string Name, string? Email, string Reason, DateTime RequestedAt);

/// <summary>Who may read a review: its visibility, the people granted access by name, and (for those who manage it) the requests waiting.</summary>
public sealed record ReviewAccessView(ReviewVisibility Visibility, IReadOnlyList<GrantedPerson> Granted, IReadOnlyList<WaitingRequest> Requests, bool MayManage);

/// <summary>What came of asking for access: asked now, asked before (nobody is told twice), or no need.</summary>
public enum AccessRequestOutcome
{
    Asked,
    AskedBefore,
    ReadsAlready,
}

/// <summary>The answer to a request for access, with what the people who decide need to be told (when they are to be told).</summary>
public sealed record AccessRequestResult(AccessRequestOutcome Outcome, DateTime RequestedAt, string Title, IReadOnlyList<(string Name, string Email)> Deciders);

/// <summary>
/// Restricted reviews: who is granted access by name, and requests to read one. Who may do this is asked of
/// <see cref="Permissions"/> (<see cref="ReviewAction.ManageAccess"/>: the review's facilitators and admins).
/// </summary>
public sealed class AccessOperations(FiresideDb db, Permissions permissions, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The name of the person acting (who asks, in the message to the facilitators).</summary>
    public string Asker => permissions.User.Name;

    /// <summary>The review's visibility and the people granted access; the waiting requests for those who decide them.</summary>
    public async Task<ReviewAccessView> GetAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken, includeDeleted: true);
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        var visibility = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => r.Visibility).FirstAsync(cancellationToken);
        var granted = await db.AccessGrants.AsNoTracking().Where(g => g.ReviewId == reviewId)
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => new GrantedPerson(u.Id, u.DisplayName, u.Email, g.GrantedAt))
            .ToListAsync(cancellationToken);
        var mayManage = await permissions.MayAsync(ReviewAction.ManageAccess, reviewId, cancellationToken);
        var requests = mayManage
            ? await db.AccessRequests.AsNoTracking().Where(r => r.ReviewId == reviewId && r.AnsweredAt == null)
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new WaitingRequest(r.Id, u.Id, u.DisplayName, u.Email, r.Reason, r.RequestedAt))
                .ToListAsync(cancellationToken)
            : [];
        return new ReviewAccessView(
            visibility,
            [.. granted.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(g => g.Email, StringComparer.OrdinalIgnoreCase)],
            [.. requests.OrderBy(r => r.RequestedAt)],
            mayManage);
    }

    /// <summary>Restricts the review to the people involved, or opens it to everyone signed in (the page's switch; the API sets it with the review).</summary>
    public async Task SetVisibilityAsync(Guid reviewId, ReviewVisibility visibility, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken) ?? throw ReviewOperations.MissingReview(reviewId);
        await permissions.EnsureAsync(ReviewAction.ManageAccess, reviewId, cancellationToken);
        if (!Enum.IsDefined(visibility))
        {
            throw DomainValidationException.For("visibility", "Choose who may read the review: everyone signed in, or only the people involved.");
        }

        if (review.Visibility != visibility)
        {
            db.RecordEvent(AuditKinds.VisibilityChanged, reviewId.ToString(), reviewId: reviewId, detail: $"{review.Visibility} to {visibility}.");
            review.Visibility = visibility;
            review.UpdatedAt = Now;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Grants a person access by email (again is fine); answers their waiting request, if any.</summary>
    public async Task<GrantedPerson> GrantAsync(Guid reviewId, string? email, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.ManageAccess, reviewId, cancellationToken);
        var person = await PersonAsync(email, cancellationToken);
        var grant = await db.AccessGrants.FirstOrDefaultAsync(g => g.ReviewId == reviewId && g.UserId == person.Id, cancellationToken);
        if (grant is null)
        {
            grant = new ReviewAccessGrant { ReviewId = reviewId, UserId = person.Id, GrantedById = permissions.User.Id, GrantedAt = Now };
            db.AccessGrants.Add(grant);
            db.RecordEvent(AuditKinds.AccessGranted, person.Email ?? person.DisplayName, person.Id, reviewId);
        }

        foreach (var request in await db.AccessRequests.Where(r => r.ReviewId == reviewId && r.UserId == person.Id && r.AnsweredAt == null).ToListAsync(cancellationToken))
        {
            request.AnsweredAt = Now;
            request.Granted = true;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(grant).State == EntityState.Added)
        {
            // Someone granted the same person a moment ago: the grant is there, which is what was asked.
            db.ChangeTracker.Clear();
        }

        return new GrantedPerson(person.Id, person.DisplayName, person.Email, grant.GrantedAt);
    }

    /// <summary>Takes back access granted by name (nothing to take back is fine). Participants keep theirs: it comes with their role.</summary>
    public async Task RevokeAsync(Guid reviewId, string? email, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.ManageAccess, reviewId, cancellationToken);
        var person = await PersonAsync(email, cancellationToken, allowDisabled: true);
        // Through the change tracker, so the review's history records it.
        var grants = await db.AccessGrants.Where(g => g.ReviewId == reviewId && g.UserId == person.Id).ToListAsync(cancellationToken);
        db.AccessGrants.RemoveRange(grants);
        if (grants.Count > 0)
        {
            db.RecordEvent(AuditKinds.AccessRevoked, person.Email ?? person.DisplayName, person.Id, reviewId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Declines a waiting request; the person may ask again later.</summary>
    public async Task DeclineAsync(Guid reviewId, Guid requestId, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.ManageAccess, reviewId, cancellationToken);
        var request = await db.AccessRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ReviewId == reviewId, cancellationToken)
            ?? throw new NotFoundException("There is no such request for access to this review.");
        if (request.AnsweredAt is null)
        {
            request.AnsweredAt = Now;
            var asker = await db.Users.AsNoTracking().Where(u => u.Id == request.UserId).Select(u => u.Email ?? u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            db.RecordEvent(AuditKinds.AccessDeclined, asker ?? request.UserId, request.UserId, reviewId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The current person asks to read a restricted review. One waiting request per person and review: asking again
    /// says when they asked, and nobody is told twice. The caller tells <see cref="AccessRequestResult.Deciders"/>
    /// when the outcome is <see cref="AccessRequestOutcome.Asked"/>.
    /// </summary>
    public async Task<AccessRequestResult> RequestAsync(Guid reviewId, string? reason, CancellationToken cancellationToken)
    {
        if (permissions.User is not { IsSignedIn: true, Id: { } userId })
        {
            throw new ForbiddenException("Please sign in first.");
        }

        reason = (reason ?? "").Trim();
        if (reason.Length > AccessRequest.ReasonMaxLength)
        {
            throw DomainValidationException.For("reason", $"Please keep the note under {AccessRequest.ReasonMaxLength:N0} characters.");
        }

        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        var review = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId).Select(r => new { r.Title }).FirstAsync(cancellationToken);
        if (await permissions.MayAsync(ReviewAction.Read, reviewId, cancellationToken))
        {
            return new AccessRequestResult(AccessRequestOutcome.ReadsAlready, Now, review.Title, []);
        }

        // The title goes only to the people who decide (they read the review already), never back to the person asking.
        var waiting = await db.AccessRequests.AsNoTracking()
            .Where(r => r.ReviewId == reviewId && r.UserId == userId && r.AnsweredAt == null)
            .Select(r => (DateTime?)r.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        if (waiting is { } asked)
        {
            return new AccessRequestResult(AccessRequestOutcome.AskedBefore, asked, "", []);
        }

        db.AccessRequests.Add(new AccessRequest { ReviewId = reviewId, UserId = userId, Reason = reason, RequestedAt = Now });
        db.RecordEvent(AuditKinds.AccessRequested, reviewId.ToString(), userId, reviewId);
        await db.SaveChangesAsync(cancellationToken);
        return new AccessRequestResult(AccessRequestOutcome.Asked, Now, review.Title, await DecidersAsync(reviewId, cancellationToken));
    }

    /// <summary>When the current person asked to read this review, if their request is still waiting.</summary>
    public async Task<DateTime?> WaitingSinceAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        var userId = permissions.User.Id;
        return userId is null ? null : await db.AccessRequests.AsNoTracking()
            .Where(r => r.ReviewId == reviewId && r.UserId == userId && r.AnsweredAt == null)
            .Select(r => (DateTime?)r.RequestedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The review's facilitators and co-facilitators with an email; when it has none yet, the admins.</summary>
    private async Task<List<(string Name, string Email)>> DecidersAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        var facilitators = await db.Participants.AsNoTracking()
            .Where(p => p.ReviewId == reviewId && (p.Role == ParticipantRole.Facilitator || p.Role == ParticipantRole.CoFacilitator))
            .GroupJoin(db.Users, p => p.UserId, u => u.Id, (p, users) => new { p, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.p.Name, Email = u != null ? u.Email : x.p.Email })
            .Where(p => p.Email != null)
            .ToListAsync(cancellationToken);
        if (facilitators.Count > 0)
        {
            return [.. facilitators.DistinctBy(f => f.Email!.ToUpperInvariant()).Select(f => (f.Name, f.Email!))];
        }

        var admins = Permissions.AdminIds(db);
        return [.. (await db.Users.AsNoTracking().Where(u => admins.Contains(u.Id) && u.Email != null).Select(u => new { u.DisplayName, u.Email }).ToListAsync(cancellationToken))
            .Select(a => (a.DisplayName, a.Email!))];
    }

    /// <summary>The person with this email, or a message that names what is wrong.</summary>
    private async Task<FiresideUser> PersonAsync(string? email, CancellationToken cancellationToken, bool allowDisabled = false)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            throw DomainValidationException.For("email", "Type the email of the person who should read this review.");
        }

        if (email.Length > 256)
        {
            throw DomainValidationException.For("email", "That email is longer than any Fireside keeps (256 characters).");
        }

        var normalized = email.ToUpperInvariant();
        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ?? throw DomainValidationException.For("email", $"Nobody in this Fireside signs in as {email}. An admin can add them first (People).");
        if (!allowDisabled && PeopleOperations.IsDisabled(person))
        {
            throw DomainValidationException.For("email", $"{person.DisplayName}'s account is switched off. An admin can switch it on first (People).");
        }

        return person;
    }
}
