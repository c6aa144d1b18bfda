using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;

namespace Fireside.Core.Tests;

public sealed class FacilitationRulesTests
{
    private static readonly DateTime Resolved = new(2026, 11, 20, 11, 0, 0, DateTimeKind.Utc);
    private static readonly FacilitationOptions Options = new();

    private static readonly Review Incident = new()
    {
        Title = "Checkout outage",
        IncidentStartedAt = Resolved.AddHours(-1),
        ResolvedAt = Resolved,
        TeamsInvolved = ["Payments"],
    };

    private static Participant Person(string name, ParticipantRole role, string? email = null, string? team = null) =>
        new() { Name = name, Role = role, Email = email, Team = team };

    private static FacilitationFacts Facts(params Participant[] people) => new() { Review = Incident, Participants = people, FacilitatorExperience = 5 };

    private static IEnumerable<string> Codes(FacilitationFacts facts) => FacilitationRules.Guardrails(facts, Options).Select(g => g.Code);

    [Fact]
    public void AWellStaffedReview_HasNothingToPointOut() =>
        Assert.Empty(Codes(Facts(Person("Ada", ParticipantRole.Facilitator, team: "Search"), Person("Lee", ParticipantRole.NoteTaker), Person("Priya", ParticipantRole.Actor))));

    [Fact]
    public void FacilitatorAmongTheActors_IsPointedOut_ByEmailEvenWhenNamesDiffer()
    {
        var facts = Facts(Person("Priya S.", ParticipantRole.Facilitator, "priya@example.com"), Person("Lee", ParticipantRole.NoteTaker), Person("Priya", ParticipantRole.Actor, "PRIYA@example.com"));

        var note = Assert.Single(FacilitationRules.Guardrails(facts, Options));

        Assert.Equal("facilitator-is-actor", note.Code);
        Assert.Contains("Priya S. is facilitating and is also among the actors", note.Message);
    }

    [Fact]
    public void FacilitatorWhoWroteInTheImportedChat_IsPointedOut()
    {
        var facts = Facts(Person("Sam", ParticipantRole.Facilitator), Person("Lee", ParticipantRole.NoteTaker)) with { ChatAuthors = ["sam", "Priya"] };

        Assert.Equal(["facilitator-in-chat"], Codes(facts));
    }

    [Fact]
    public void FacilitatorFromATeamInvolved_IsPointedOut() =>
        Assert.Equal(["facilitator-team-involved"], Codes(Facts(Person("Ada", ParticipantRole.Facilitator, team: "payments"), Person("Lee", ParticipantRole.NoteTaker))));

    [Fact]
    public void NoteTakerWhoIsTheFacilitator_AndNoNoteTakerAtAll_ArePointedOut()
    {
        Assert.Equal(["note-taker-is-facilitator"], Codes(Facts(Person("Ada", ParticipantRole.Facilitator), Person("Ada", ParticipantRole.NoteTaker))));
        Assert.Equal(["no-note-taker"], Codes(Facts(Person("Ada", ParticipantRole.Facilitator))));
        Assert.Equal(["no-facilitator", "no-note-taker"], Codes(Facts()));
    }

    [Theory]
    [InlineData(0, false, true)]
    [InlineData(2, false, true)]
    [InlineData(2, true, false)]
    [InlineData(3, false, false)]
    public void NewFacilitatorWithoutACoFacilitator_IsPointedOut(int facilitatedBefore, bool withCo, bool expected)
    {
        var people = new List<Participant> { Person("Ada", ParticipantRole.Facilitator), Person("Lee", ParticipantRole.NoteTaker) };
        if (withCo)
        {
            people.Add(Person("Grace", ParticipantRole.CoFacilitator));
        }

        var facts = Facts([.. people]) with { FacilitatorExperience = facilitatedBefore };

        Assert.Equal(expected, Codes(facts).Contains("new-facilitator-alone"));
    }

    [Fact]
    public void NewFacilitatorThreshold_IsConfigurable()
    {
        var facts = Facts(Person("Ada", ParticipantRole.Facilitator), Person("Lee", ParticipantRole.NoteTaker)) with { FacilitatorExperience = 3 };

        Assert.Contains("new-facilitator-alone", FacilitationRules.Guardrails(facts, new FacilitationOptions { ExperiencedAfter = 5 }).Select(g => g.Code));
    }

    [Fact]
    public void Deadlines_CountFromResolution_TwoSevenAndFourteenDays()
    {
        var deadlines = FacilitationRules.Deadlines(Facts(), Options, Resolved.AddHours(1));

        Assert.Equal([Resolved.AddDays(2), Resolved.AddDays(7), Resolved.AddDays(14)], deadlines.Select(d => d.Due));
        Assert.All(deadlines, d => Assert.Equal(DeadlineState.Ahead, d.State));
    }

    [Fact]
    public void Deadlines_AreDueSoonWithinADay_AndMissedAfter()
    {
        var actor = Person("Priya", ParticipantRole.Actor);
        var facts = Facts(actor);

        var dueSoon = FacilitationRules.Deadlines(facts, Options, Resolved.AddDays(2).AddHours(-3));
        var missed = FacilitationRules.Deadlines(facts, Options, Resolved.AddDays(8));

        Assert.Equal(DeadlineState.DueSoon, dueSoon[0].State);
        Assert.Equal([DeadlineState.Missed, DeadlineState.Missed, DeadlineState.Ahead], missed.Select(d => d.State));
        Assert.Contains("Not interviewed yet: Priya.", FacilitationRules.AttentionReasons(facts, Options, Resolved.AddDays(8)));
    }

    [Fact]
    public void Deadlines_AreMetByWhatWasDoneInTime()
    {
        var actor = Person("Priya", ParticipantRole.Actor);
        var facts = Facts(actor) with
        {
            Interviews = [new Interview { ParticipantId = actor.Id, InterviewedAt = Resolved.AddDays(1) }],
            Meeting = new Meeting { StartsAt = Resolved.AddDays(10) },
        };

        var deadlines = FacilitationRules.Deadlines(facts, Options, Resolved.AddDays(20));

        Assert.Equal([DeadlineState.Met, DeadlineState.Missed, DeadlineState.Met], deadlines.Select(d => d.State));
    }

    [Fact]
    public void Deadlines_CanCountFromTheStart_AndNeedATime()
    {
        var fromStart = FacilitationRules.Deadlines(Facts(), new FacilitationOptions { CountFrom = "Started", InterviewDays = 1 }, Resolved);

        Assert.Equal(Incident.IncidentStartedAt!.Value.AddDays(1), fromStart[0].Due);
        Assert.Empty(FacilitationRules.Deadlines(new FacilitationFacts { Review = new Review { Title = "No times" } }, Options, Resolved));
    }

    [Fact]
    public void MeetingFit_SaysWhereATimeFalls()
    {
        Assert.Contains("within 7 days", FacilitationRules.MeetingFit(Incident, Resolved.AddDays(3), Options));
        Assert.Contains("within 14 days", FacilitationRules.MeetingFit(Incident, Resolved.AddDays(10), Options));
        Assert.Contains("more than 14 days", FacilitationRules.MeetingFit(Incident, Resolved.AddDays(15), Options));
    }

    [Fact]
    public void Readiness_TicksOffAsTheWorkIsDone()
    {
        var actor = Person("Priya", ParticipantRole.Actor);
        var empty = FacilitationRules.Readiness(Facts());
        var ready = FacilitationRules.Readiness(Facts(Person("Ada", ParticipantRole.Facilitator), Person("Lee", ParticipantRole.NoteTaker), actor) with
        {
            Review = new Review { Title = "Ready", TimelineCurated = true },
            HasScope = true,
            HasInflectionPoints = true,
            Interviews = [new Interview { ParticipantId = actor.Id, InterviewedAt = Resolved }],
            Meeting = new Meeting { StartsAt = Resolved.AddDays(3), InviteSentAt = Resolved },
        });

        Assert.All(empty, item => Assert.False(item.Done));
        Assert.All(ready, item => Assert.True(item.Done, item.Code));
        Assert.Equal(["scope", "timeline", "inflection", "interviews", "roles", "meeting", "invite"], ready.Select(i => i.Code));
    }

    [Fact]
    public void ReviewedOrPublishedReviews_NeedNoAttention() =>
        Assert.Empty(FacilitationRules.AttentionReasons(Facts() with { Review = new Review { Title = "Done", Status = ReviewStatus.Published, ResolvedAt = Resolved } }, Options, Resolved.AddDays(30)));
}
