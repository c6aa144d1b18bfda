using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>Roles, interviews, private notes, the meeting and the question bank: the same from a page, the API or a test.</summary>
public static class FacilitationChanges
{
    /// <summary>Everything the facilitation rules look at for one review, read in a few queries.</summary>
    public static async Task<FacilitationFacts> LoadFactsAsync(FiresideDb db, Guid reviewId, CancellationToken cancellationToken = default)
    {
        var review = await db.Reviews.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken)
            ?? throw ReviewChanges.MissingReview(reviewId);
        var participants = await db.Participants.AsNoTracking().Where(p => p.ReviewId == reviewId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var interviews = await db.Interviews.AsNoTracking().Where(i => i.ReviewId == reviewId).ToListAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.ReviewId == reviewId, cancellationToken);
        var entries = db.TimelineEntries.Where(e => e.ReviewId == reviewId);
        var chatAuthors = await entries.Where(e => e.Source == "slack" || e.Source == "chat").Select(e => e.Actor).Distinct().ToListAsync(cancellationToken);
        var facilitator = participants.FirstOrDefault(p => p.Role == ParticipantRole.Facilitator);
        return new FacilitationFacts
        {
            Review = review,
            Participants = participants,
            Interviews = interviews,
            Meeting = meeting,
            ChatAuthors = chatAuthors,
            FacilitatorExperience = facilitator is null ? 0 : await ExperienceAsync(db, facilitator, reviewId, cancellationToken),
            HasScope = review.HasScopeWindow || await entries.AnyAsync(e => e.Scope != ScopeChoice.Window, cancellationToken),
            HasInflectionPoints = await entries.AnyAsync(e => e.IsInflectionPoint, cancellationToken),
            TimelineEntries = await entries.CountAsync(cancellationToken),
        };
    }

    /// <summary>How many other reviews this person facilitated (matched by account, else by email, else by name).</summary>
    private static async Task<int> ExperienceAsync(FiresideDb db, Participant person, Guid exceptReviewId, CancellationToken cancellationToken)
    {
        var facilitators = await db.Participants.AsNoTracking()
            .Where(p => p.Role == ParticipantRole.Facilitator && p.ReviewId != exceptReviewId)
            .Join(db.Reviews, p => p.ReviewId, r => r.Id, (p, _) => p)
            .ToListAsync(cancellationToken);
        return facilitators.Count(p => person.UserId is { } userId ? p.UserId == userId : p.SamePerson(person));
    }

    public static async Task<Participant> AddParticipantAsync(FiresideDb db, Guid reviewId, ParticipantInput input, DateTime now, CancellationToken cancellationToken = default)
    {
        ReviewChanges.Throw(input.Validate());
        await ReviewChanges.RequireReviewAsync(db, reviewId, cancellationToken);
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
            CreatedAt = now,
        };
        db.Participants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);
        return participant;
    }

    public static async Task RemoveParticipantAsync(FiresideDb db, Guid reviewId, Guid participantId, CancellationToken cancellationToken = default)
    {
        db.Participants.Remove(await FindParticipantAsync(db, reviewId, participantId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<Participant> FindParticipantAsync(FiresideDb db, Guid reviewId, Guid participantId, CancellationToken cancellationToken = default) =>
        await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId && p.ReviewId == reviewId, cancellationToken)
            ?? throw new NotFoundException($"There is no participant {participantId} in review {reviewId}.");

    /// <summary>
    /// Whether someone facilitates this review (as facilitator or co-facilitator) or is an admin: the people who
    /// read its private notes, run its meeting room, see its survey's results and publish it.
    /// </summary>
    public static async Task<bool> IsFacilitatorOrAdminAsync(FiresideDb db, Guid reviewId, string? userId, bool isAdmin, CancellationToken cancellationToken = default) =>
        isAdmin || (userId is not null && await db.Participants.AnyAsync(
            p => p.ReviewId == reviewId && p.UserId == userId && (p.Role == ParticipantRole.Facilitator || p.Role == ParticipantRole.CoFacilitator), cancellationToken));

    /// <summary>
    /// Who may hand out (or take away) the facilitator and co-facilitator roles, which open the private notes:
    /// admins and the review's current facilitators, or anyone while the review has no facilitator yet
    /// (a volunteer picking it up).
    /// </summary>
    public static async Task<bool> MayManageFacilitatorsAsync(FiresideDb db, Guid reviewId, string? userId, bool isAdmin, CancellationToken cancellationToken = default) =>
        await IsFacilitatorOrAdminAsync(db, reviewId, userId, isAdmin, cancellationToken)
        || !await db.Participants.AnyAsync(p => p.ReviewId == reviewId && p.Role == ParticipantRole.Facilitator, cancellationToken);

    public static async Task SetTeamsAndCurationAsync(FiresideDb db, Guid reviewId, IEnumerable<string>? teams, bool? curated, CancellationToken cancellationToken = default)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken) ?? throw ReviewChanges.MissingReview(reviewId);
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
    public static async Task<Interview> SaveInterviewAsync(FiresideDb db, Guid reviewId, Guid participantId, InterviewInput input, DateTime now, CancellationToken cancellationToken = default)
    {
        ReviewChanges.Throw(input.Validate());
        var actor = await FindParticipantAsync(db, reviewId, participantId, cancellationToken);
        if (actor.Role != ParticipantRole.Actor)
        {
            throw DomainValidationException.For("participantId", $"{actor.Name} is not one of the actors; prep interviews are with the people who took part.");
        }

        var interview = await db.Interviews.FirstOrDefaultAsync(i => i.ParticipantId == participantId, cancellationToken);
        if (interview is null)
        {
            interview = new Interview { ReviewId = reviewId, ParticipantId = participantId, CreatedAt = now };
            db.Interviews.Add(interview);
        }
        else
        {
            if (input.Version is not { } version || version != interview.Version)
            {
                throw new ConflictException($"Someone else saved this interview after you loaded it (you had version {input.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, it is now version {interview.Version}), so your change was not saved. Load it again, then reapply yours.");
            }

            db.ExpectVersion(interview, version);
        }

        interview.InterviewedAt = input.InterviewedAt?.UtcDateTime;
        interview.Interviewer = input.Interviewer?.Trim() ?? "";
        interview.Notes = input.Notes ?? "";
        interview.ActorTimeline = input.ActorTimeline ?? "";
        interview.Questions = input.Questions ?? "";
        interview.UpdatedAt = now;
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

    public static async Task<FacilitatorNote> AddPrivateNoteAsync(FiresideDb db, Guid reviewId, FacilitatorNoteKind? kind, string? text, string? userId, DateTime now, CancellationToken cancellationToken = default)
    {
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

        ReviewChanges.Throw(errors);
        await ReviewChanges.RequireReviewAsync(db, reviewId, cancellationToken);
        var note = new FacilitatorNote { ReviewId = reviewId, Kind = kind!.Value, Text = text!.Trim(), CreatedById = userId, CreatedAt = now };
        db.FacilitatorNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }

    public static async Task DeletePrivateNoteAsync(FiresideDb db, Guid reviewId, Guid noteId, CancellationToken cancellationToken = default)
    {
        var note = await db.FacilitatorNotes.FirstOrDefaultAsync(n => n.Id == noteId && n.ReviewId == reviewId, cancellationToken)
            ?? throw new NotFoundException($"There is no private note {noteId} in review {reviewId}.");
        db.FacilitatorNotes.Remove(note);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets the meeting's time; a change keeps the invitation's UID and raises its sequence, so calendars update the same event.</summary>
    public static async Task<Meeting> ScheduleAsync(FiresideDb db, Guid reviewId, MeetingInput input, DateTime now, CancellationToken cancellationToken = default)
    {
        ReviewChanges.Throw(input.Validate());
        await ReviewChanges.RequireReviewAsync(db, reviewId, cancellationToken);
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
        meeting.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    public static async Task<Meeting> MarkInviteSentAsync(FiresideDb db, Guid reviewId, DateTime now, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.ReviewId == reviewId, cancellationToken)
            ?? throw DomainValidationException.For("meeting", "Propose a meeting time first; the invitation carries it.");
        meeting.InviteSentAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    /// <summary>The question bank in order; a new Fireside starts with the default prompts.</summary>
    public static async Task<List<BankQuestion>> QuestionsAsync(FiresideDb db, CancellationToken cancellationToken = default)
    {
        if (!await db.Questions.AnyAsync(cancellationToken))
        {
            var order = 0;
            db.Questions.AddRange(QuestionBankDefaults.Questions.Select(q => new BankQuestion { Theme = q.Theme, Text = q.Text, Order = order++ }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await db.Questions.AsNoTracking().OrderBy(q => q.Order).ToListAsync(cancellationToken);
    }

    public static async Task<BankQuestion> SaveQuestionAsync(FiresideDb db, Guid? id, string? theme, string? text, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(text) || text.Length > 1000)
        {
            errors.Add("text", "Please write the question (up to 1,000 characters).");
        }

        if (string.IsNullOrWhiteSpace(theme) || theme.Length > 100)
        {
            errors.Add("theme", "Please give the question a theme (up to 100 characters), such as Assumptions.");
        }

        ReviewChanges.Throw(errors);
        await QuestionsAsync(db, cancellationToken);
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

    public static async Task DeleteQuestionAsync(FiresideDb db, Guid id, CancellationToken cancellationToken = default)
    {
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == id, cancellationToken) ?? throw new NotFoundException($"There is no question {id} in the bank.");
        db.Questions.Remove(question);
        await db.SaveChangesAsync(cancellationToken);
    }
}
