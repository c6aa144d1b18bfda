using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;

namespace Fireside.Data.Tests;

/// <summary>Roles, interviews, the meeting and the question bank on every provider.</summary>
public abstract class FacilitationDataTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    private DatabaseTarget _target = default!;

    public async Task InitializeAsync() => _target = await DatabaseTarget.CreateAsync(provider);

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private async Task<Review> ReviewAsync(string title)
    {
        var review = await _target.Reviews(Now).CreateAsync(new ReviewInput { Title = title, ResolvedAt = new DateTimeOffset(Now) }, default);
        await TimelineImport.RunAsync(_target.NewContext(), review.Id, Chat, null, null, Now);
        return review;
    }

    private static IEnumerable<Fireside.Importers.ImportedEntry> Chat() =>
    [
        new(Now.AddHours(-2), "Sam", ActorKind.Person, TimelineEntryKind.Communication, "Looking at the cart graph", null, "slack", "slack:1"),
        new(Now.AddHours(-1), "Sam", ActorKind.Person, TimelineEntryKind.Communication, "Rolling back", null, "slack", "slack:2"),
    ];

    [Fact]
    public async Task Facts_GatherRolesChatAuthorsAndExperience()
    {
        var earlier = await ReviewAsync("Earlier outage");
        var review = await ReviewAsync("Checkout outage");
        await _target.Facilitation(Now).AddParticipantAsync(earlier.Id, new ParticipantInput { Name = "Ada", Email = "ada@example.com", Role = ParticipantRole.Facilitator }, default);
        await _target.Facilitation(Now).AddParticipantAsync(review.Id, new ParticipantInput { Name = "Ada L.", Email = "ADA@example.com", Role = ParticipantRole.Facilitator }, default);
        var actor = await _target.Facilitation(Now).AddParticipantAsync(review.Id, new ParticipantInput { Name = "Sam", Role = ParticipantRole.Actor, IsMainActor = true }, default);

        var facts = await _target.Facilitation().LoadFactsAsync(review.Id, default);

        Assert.Equal(1, facts.FacilitatorExperience);
        Assert.Equal(["Sam"], facts.ChatAuthors);
        Assert.Equal(2, facts.TimelineEntries);
        Assert.True(Assert.Single(facts.Actors).IsMainActor);
        Assert.Equal([actor.Id], facts.ActorsNotInterviewed.Select(a => a.Id));
    }

    [Fact]
    public async Task Interview_IsSavedOncePerActor_AndAStaleSaveIsRefused()
    {
        var review = await ReviewAsync("Checkout outage");
        var actor = await _target.Facilitation(Now).AddParticipantAsync(review.Id, new ParticipantInput { Name = "Sam", Role = ParticipantRole.Actor }, default);
        var note = await _target.Facilitation(Now).AddParticipantAsync(review.Id, new ParticipantInput { Name = "Lee", Role = ParticipantRole.NoteTaker }, default);

        var first = await _target.Facilitation(Now).SaveInterviewAsync(review.Id, actor.Id, new InterviewInput { InterviewedAt = new DateTimeOffset(Now), Interviewer = "Ada", Notes = "First" }, default);
        var second = await _target.Facilitation(Now).SaveInterviewAsync(review.Id, actor.Id, new InterviewInput { Interviewer = "Ada", Notes = "Second", Version = first.Version }, default);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Version);
        await Assert.ThrowsAsync<ConflictException>(() => _target.Facilitation(Now).SaveInterviewAsync(review.Id, actor.Id, new InterviewInput { Notes = "Third", Version = 1 }, default));
        await Assert.ThrowsAsync<DomainValidationException>(() => _target.Facilitation(Now).SaveInterviewAsync(review.Id, note.Id, new InterviewInput(), default));
    }

    [Fact]
    public async Task Meeting_KeepsItsUidWhenMoved_AndTheBankStartsWithTheDefaults()
    {
        var review = await ReviewAsync("Checkout outage");

        var first = await _target.Facilitation(Now).ScheduleAsync(review.Id, new MeetingInput { StartsAt = new DateTimeOffset(Now.AddDays(2)) }, default);
        var moved = await _target.Facilitation(Now).ScheduleAsync(review.Id, new MeetingInput { StartsAt = new DateTimeOffset(Now.AddDays(3)), DurationMinutes = 45 }, default);
        var questions = await _target.Facilitation().QuestionsAsync(default);

        Assert.Equal(first.Uid, moved.Uid);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal(Now.AddDays(3).AddMinutes(45), moved.EndsAt);
        Assert.Equal(QuestionBankDefaults.Questions.Select(q => q.Text), questions.Select(q => q.Text));
        Assert.Equal(questions.Count, (await _target.Facilitation().QuestionsAsync(default)).Count);
    }
}

public sealed class SqliteFacilitationDataTests() : FacilitationDataTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFacilitationDataTests() : FacilitationDataTests(DatabaseProvider.Postgres);
