using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Fireside.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>Where a review stands on its way to the meeting: roles, guardrails, deadlines, readiness, interviews and the meeting.</summary>
public sealed record FacilitationView(
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Guardrail> Guardrails,
    IReadOnlyList<Deadline> Deadlines,
    IReadOnlyList<ReadinessItem> Readiness,
    IReadOnlyList<Interview> Interviews,
    IReadOnlyList<string> TeamsInvolved,
    bool TimelineCurated,
    MeetingView? Meeting);

public sealed record MeetingView(DateTime StartsAt, DateTime EndsAt, int DurationMinutes, string? Location, string Uid, int Sequence, DateTime? InviteSentAt, string Fit, int Version)
{
    public static MeetingView From(Meeting m, Review review, FacilitationOptions options) =>
        new(m.StartsAt, m.EndsAt, m.DurationMinutes, m.Location, m.Uid, m.Sequence, m.InviteSentAt, FacilitationRules.MeetingFit(review, m.StartsAt, options), m.Version);
}

public sealed record FacilitationSettings(IReadOnlyList<string>? TeamsInvolved, bool? TimelineCurated);

public sealed record PrivateNoteInput(FacilitatorNoteKind? Kind, string? Text);

public sealed record QuestionInput(string? Theme, string? Text);

public sealed record AttentionItem(Guid ReviewId, string Title, ReviewStatus Status, IReadOnlyList<string> Reasons);

public sealed record FacilitatorHistory(string Name, string? Email, bool Volunteers, int Facilitated, int CoFacilitated, int Shadowed, DateTime? LastFacilitatedAt);

/// <summary>Roles, interviews, private notes, the meeting and the question bank: the same from a page, the API or a test.</summary>
public sealed class FacilitationOperations(FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions, Microsoft.Extensions.Options.IOptions<FacilitationOptions> facilitationOptions)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Permissions Permissions => permissions;

    /// <summary>Everything the facilitation rules look at for one review, read in a few queries.</summary>
    public async Task<FacilitationFacts> LoadFactsAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        var review = await db.Reviews.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken)
            ?? throw ReviewOperations.MissingReview(reviewId);
        var participants = await db.Participants.AsNoTracking().Where(p => p.ReviewId == reviewId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var interviews = await db.Interviews.AsNoTracking().Where(i => i.ReviewId == reviewId).ToListAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.ReviewId == reviewId, cancellationToken);
        var entries = db.TimelineEntries.Where(e => e.ReviewId == reviewId);
        // Under the names their people go by, so "bob.j" in the chat is Bob Jensen the facilitator once someone has said so.
        var named = await NamesOperations.KnownNamesAsync(db, cancellationToken);
        var chatAuthors = (await entries.Where(e => e.Source == "slack" || e.Source == "chat").Select(e => e.Actor).Distinct().ToListAsync(cancellationToken))
            .Select(author => named(author, ActorKind.Person)).ToList();
        var facilitator = participants.FirstOrDefault(p => p.Role == ParticipantRole.Facilitator);
        return new FacilitationFacts
        {
            Review = review,
            Participants = participants,
            Interviews = interviews,
            Meeting = meeting,
            ChatAuthors = chatAuthors,
            FacilitatorExperience = facilitator is null ? 0 : await ExperienceAsync(facilitator, reviewId, cancellationToken),
            HasScope = review.HasScopeWindow || await entries.AnyAsync(e => e.Scope != ScopeChoice.Window, cancellationToken),
            HasInflectionPoints = await entries.AnyAsync(e => e.IsInflectionPoint, cancellationToken),
            TimelineEntries = await entries.CountAsync(cancellationToken),
        };
    }

    /// <summary>How many other reviews this person facilitated (matched by account, else by email, else by name).</summary>
    private async Task<int> ExperienceAsync(Participant person, Guid exceptReviewId, CancellationToken cancellationToken)
    {
        var facilitators = await db.Participants.AsNoTracking()
            .Where(p => p.Role == ParticipantRole.Facilitator && p.ReviewId != exceptReviewId)
            .Join(db.Reviews, p => p.ReviewId, r => r.Id, (p, _) => p)
            .ToListAsync(cancellationToken);
        return facilitators.Count(p => person.UserId is { } userId ? p.UserId == userId : p.SamePerson(person));
    }

    public async Task<Participant> AddParticipantAsync(Guid reviewId, ParticipantInput input, CancellationToken cancellationToken)
    {
        // Whether the person may add to the review is asked before what they sent is judged; the role then says who may give it.
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        ReviewOperations.Throw(input.Validate());
        if (ReviewAccess.IsFacilitationRole(input.Role!.Value))
        {
            await permissions.EnsureAsync(ReviewAction.GrantFacilitation, reviewId, cancellationToken);
        }

        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        var normalized = email?.ToUpperInvariant();
        var userId = normalized is null ? null : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var participant = new Participant
        {
            ReviewId = reviewId,
            Name = input.Name!.Trim(),
            Email = email,
            UserId = userId,
            Role = input.Role!.Value,
            IsMainActor = input.Role == ParticipantRole.Actor && input.IsMainActor == true,
            Team = string.IsNullOrWhiteSpace(input.Team) ? null : input.Team.Trim(),
            CreatedAt = Now,
        };
        db.Participants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);
        return participant;
    }

    public async Task RemoveParticipantAsync(Guid reviewId, Guid participantId, CancellationToken cancellationToken)
    {
        var participant = await FindParticipantAsync(reviewId, participantId, cancellationToken);
        await permissions.EnsureAsync(ReviewAccess.IsFacilitationRole(participant.Role) ? ReviewAction.GrantFacilitation : ReviewAction.Contribute, reviewId, cancellationToken);
        db.Participants.Remove(participant);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Participant> FindParticipantAsync(Guid reviewId, Guid participantId, CancellationToken cancellationToken) =>
        await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId && p.ReviewId == reviewId, cancellationToken)
            ?? throw new NotFoundException($"There is no participant {participantId} in review {reviewId}.");

    /// <summary>The facilitators' private notes, for them and admins only.</summary>
    public async Task<List<FacilitatorNote>> PrivateNotesAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken, includeDeleted: true);
        await permissions.EnsureAsync(ReviewAction.ReadPrivateNotes, reviewId, cancellationToken);
        return await db.FacilitatorNotes.AsNoTracking().Where(n => n.ReviewId == reviewId).OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task SetTeamsAndCurationAsync(Guid reviewId, IEnumerable<string>? teams, bool? curated, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken) ?? throw ReviewOperations.MissingReview(reviewId);
        if (teams is not null)
        {
            var clean = ReviewRules.CleanList(teams);
            if (clean.Count > ReviewRules.ListMaxCount || clean.Any(t => t.Length > ReviewRules.ListItemMaxLength))
            {
                throw DomainValidationException.For("teamsInvolved", $"Please keep to {ReviewRules.ListMaxCount} teams of up to {ReviewRules.ListItemMaxLength} characters each.");
            }

            review.TeamsInvolved = clean;
        }

        review.TimelineCurated = curated ?? review.TimelineCurated;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records (or updates) the prep interview with one actor.</summary>
    public async Task<Interview> SaveInterviewAsync(Guid reviewId, Guid participantId, InterviewInput input, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        ReviewOperations.Throw(input.Validate());
        var actor = await FindParticipantAsync(reviewId, participantId, cancellationToken);
        if (actor.Role != ParticipantRole.Actor)
        {
            throw DomainValidationException.For("participantId", $"{actor.Name} is not one of the actors; prep interviews are with the people who took part.");
        }

        var interview = await db.Interviews.FirstOrDefaultAsync(i => i.ParticipantId == participantId, cancellationToken);
        if (interview is null)
        {
            interview = new Interview { ReviewId = reviewId, ParticipantId = participantId, CreatedAt = Now };
            db.Interviews.Add(interview);
        }
        else
        {
            if (input.Version is not { } version || version != interview.Version)
            {
                throw new ConflictException($"Someone else saved this interview after you loaded it (you had version {input.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, it is Now version {interview.Version}), so your change was not saved. Load it again, then reapply yours.");
            }

            db.ExpectVersion(interview, version);
        }

        interview.InterviewedAt = input.InterviewedAt?.UtcDateTime;
        interview.Interviewer = input.Interviewer?.Trim() ?? "";
        interview.Notes = input.Notes ?? "";
        interview.ActorTimeline = input.ActorTimeline ?? "";
        interview.Questions = input.Questions ?? "";
        interview.UpdatedAt = Now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConflictException("Someone else saved this interview at the same moment, so your change was not saved. Load it again, then reapply yours.", e);
        }

        return interview;
    }

    public async Task<FacilitatorNote> AddPrivateNoteAsync(Guid reviewId, FacilitatorNoteKind? kind, string? text, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.ReadPrivateNotes, reviewId, cancellationToken);
        var errors = new ValidationErrors();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add("kind", "Please say what the note is about: mayFeelExposed, handleWithCare or revisitLater.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("text", "Please write the note.");
        }
        else if (text.Length > ReviewRules.EntryTextMaxLength)
        {
            errors.Add("text", $"The note is {text.Length} characters long; please keep it to {ReviewRules.EntryTextMaxLength}.");
        }

        ReviewOperations.Throw(errors);
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        var note = new FacilitatorNote { ReviewId = reviewId, Kind = kind!.Value, Text = text!.Trim(), CreatedById = user.Id, CreatedAt = Now };
        db.FacilitatorNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }

    public async Task DeletePrivateNoteAsync(Guid reviewId, Guid noteId, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.ReadPrivateNotes, reviewId, cancellationToken);
        var note = await db.FacilitatorNotes.FirstOrDefaultAsync(n => n.Id == noteId && n.ReviewId == reviewId, cancellationToken)
            ?? throw new NotFoundException($"There is no private note {noteId} in review {reviewId}.");
        db.FacilitatorNotes.Remove(note);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets the meeting's time; a change keeps the invitation's UID and raises its sequence, so calendars update the same event.</summary>
    public async Task<Meeting> ScheduleAsync(Guid reviewId, MeetingInput input, CancellationToken cancellationToken)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, cancellationToken);
        ReviewOperations.Throw(input.Validate());
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.ReviewId == reviewId, cancellationToken);
        if (meeting is null)
        {
            meeting = new Meeting { ReviewId = reviewId, Uid = $"{Guid.NewGuid():N}@fireside" };
            db.Meetings.Add(meeting);
        }
        else
        {
            meeting.Sequence++;
        }

        meeting.StartsAt = input.StartsAt!.Value.UtcDateTime;
        meeting.DurationMinutes = input.DurationMinutes ?? Meeting.DefaultMinutes;
        meeting.Location = string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim();
        meeting.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    public async Task<Meeting> MarkInviteSentAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.ReviewId == reviewId, cancellationToken)
            ?? throw DomainValidationException.For("meeting", "Propose a meeting time first; the invitation carries it.");
        meeting.InviteSentAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    /// <summary>Joins or leaves the pool of volunteer facilitators.</summary>
    public async Task SetVolunteerAsync(bool volunteers, CancellationToken cancellationToken)
    {
        var person = await db.Users.FirstOrDefaultAsync(u => u.Id == user.Id, cancellationToken)
            ?? throw new ForbiddenException("Please sign in to join the pool of volunteer facilitators.");
        person.VolunteersToFacilitate = volunteers;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The question bank in order; a new Fireside starts with the default prompts.</summary>
    public async Task<List<BankQuestion>> QuestionsAsync(CancellationToken cancellationToken)
    {
        if (!await db.Questions.AnyAsync(cancellationToken))
        {
            var order = 0;
            db.Questions.AddRange(QuestionBankDefaults.Questions.Select(q => new BankQuestion { Theme = q.Theme, Text = q.Text, Order = order++ }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await db.Questions.AsNoTracking().OrderBy(q => q.Order).ToListAsync(cancellationToken);
    }

    public async Task<BankQuestion> SaveQuestionAsync(Guid? id, string? theme, string? text, CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("The question bank");
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(text) || text.Length > 1000)
        {
            errors.Add("text", "Please write the question (up to 1,000 characters).");
        }

        if (string.IsNullOrWhiteSpace(theme) || theme.Length > 100)
        {
            errors.Add("theme", "Please give the question a theme (up to 100 characters), such as Assumptions.");
        }

        ReviewOperations.Throw(errors);
        await QuestionsAsync(cancellationToken);
        BankQuestion question;
        if (id is { } existing)
        {
            question = await db.Questions.FirstOrDefaultAsync(q => q.Id == existing, cancellationToken) ?? throw new NotFoundException($"There is no question {existing} in the bank.");
        }
        else
        {
            question = new BankQuestion { Order = (await db.Questions.MaxAsync(q => (int?)q.Order, cancellationToken) ?? 0) + 1 };
            db.Questions.Add(question);
        }

        question.Theme = theme!.Trim();
        question.Text = text!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return question;
    }

    public async Task DeleteQuestionAsync(Guid id, CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("The question bank");
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == id, cancellationToken) ?? throw new NotFoundException($"There is no question {id} in the bank.");
        db.Questions.Remove(question);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Where a review stands on its way to the meeting, for the facilitation page and the API.</summary>
    public async Task<FacilitationView> ViewAsync(Guid id, CancellationToken ct)
    {
        var facts = await LoadFactsAsync(id, ct);
        var options = facilitationOptions.Value;
        var now = Now;
        return new FacilitationView(
            facts.Participants,
            FacilitationRules.Guardrails(facts, options),
            FacilitationRules.Deadlines(facts, options, now),
            FacilitationRules.Readiness(facts),
            facts.Interviews,
            facts.Review.TeamsInvolved,
            facts.Review.TimelineCurated,
            facts.Meeting is null ? null : MeetingView.From(facts.Meeting, facts.Review, options));
    }

    /// <summary>Open reviews that are late or near a deadline, lack a facilitator, or have actors not yet interviewed.</summary>
    public async Task<List<AttentionItem>> NeedsAttentionAsync(CancellationToken ct)
    {
        var options = facilitationOptions.Value;
        var now = Now;
        // Titles are shown: only the reviews this person may read.
        var open = await permissions.ReadableReviews().Where(r => r.Status != ReviewStatus.Reviewed && r.Status != ReviewStatus.Published)
            .OrderBy(r => r.ResolvedAt ?? r.IncidentStartedAt ?? r.CreatedAt).Select(r => r.Id).ToListAsync(ct);
        var items = new List<AttentionItem>();
        foreach (var id in open)
        {
            var facts = await LoadFactsAsync(id, ct);
            var reasons = FacilitationRules.AttentionReasons(facts, options, now);
            if (reasons.Count > 0)
            {
                items.Add(new AttentionItem(id, facts.Review.Title, facts.Review.Status, reasons));
            }
        }

        return items;
    }

    /// <summary>Each person's facilitation history, and the volunteers who have not facilitated yet.</summary>
    public async Task<List<FacilitatorHistory>> HistoryAsync(CancellationToken ct)
    {
        // Everyone's counts include restricted reviews (numbers only); the last time is taken from reviews the reader may read.
        var readable = permissions.ReadableReviews();
        var roles = await db.Participants.AsNoTracking()
            .Where(p => p.Role == ParticipantRole.Facilitator || p.Role == ParticipantRole.CoFacilitator || p.Role == ParticipantRole.ShadowFacilitator)
            .Join(db.Reviews, p => p.ReviewId, r => r.Id, (p, r) => new
            {
                p.Name,
                p.Email,
                p.UserId,
                p.Role,
                When = r.ResolvedAt ?? r.IncidentStartedAt ?? r.CreatedAt,
                Readable = readable.Any(x => x.Id == r.Id),
            })
            .ToListAsync(ct);
        var volunteers = await db.Users.AsNoTracking().Where(u => u.VolunteersToFacilitate).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        var people = roles.GroupBy(r => r.UserId ?? r.Email?.ToUpperInvariant() ?? r.Name.ToUpperInvariant())
            .Select(g => new FacilitatorHistory(
                g.First().Name,
                g.FirstOrDefault(r => r.Email is not null)?.Email,
                volunteers.Any(v => v.Id == g.First().UserId || (v.Email is not null && string.Equals(v.Email, g.First().Email, StringComparison.OrdinalIgnoreCase))),
                g.Count(r => r.Role == ParticipantRole.Facilitator),
                g.Count(r => r.Role == ParticipantRole.CoFacilitator),
                g.Count(r => r.Role == ParticipantRole.ShadowFacilitator),
                g.Where(r => r.Role == ParticipantRole.Facilitator && r.Readable).Select(r => (DateTime?)r.When).Max()))
            .ToList();
        // Volunteers who have not facilitated yet belong in the list too: they are the pool.
        people.AddRange(volunteers.Where(v => !roles.Any(r => r.UserId == v.Id || (r.Email is not null && string.Equals(r.Email, v.Email, StringComparison.OrdinalIgnoreCase))))
            .Select(v => new FacilitatorHistory(v.DisplayName, v.Email, true, 0, 0, 0, null)));
        return [.. people.OrderByDescending(p => p.Facilitated).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
