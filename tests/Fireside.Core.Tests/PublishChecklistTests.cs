using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;

namespace Fireside.Core.Tests;

public sealed class PublishChecklistTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AFinishedReview_MeetsEveryItem()
    {
        var checks = PublishChecklist.Check(new PublishFacts(0, Now.AddDays(-1), 2, 3), Now);

        Assert.All(checks, c => Assert.True(c.Met, c.Key));
        Assert.True(PublishChecklist.Skip(checks, null).Errors.IsValid);
    }

    [Fact]
    public void AMeetingStillToCome_OneFactor_AndOpenNotes_AreOpen_EachNeedingItsOwnReason()
    {
        var checks = PublishChecklist.Check(new PublishFacts(3, Now.AddHours(1), 1, 1), Now);
        var reasons = new Dictionary<string, string?>
        {
            [PublishChecklist.Meeting] = "We talked it through in the channel.",
            [PublishChecklist.Factors] = "   ",
            [PublishChecklist.Language] = new string('a', PublishChecklist.ReasonMaxLength + 1),
            [PublishChecklist.Takeaways] = "Already met, so this reason is dropped.",
        };

        var (errors, skipped) = PublishChecklist.Skip(checks, reasons);

        Assert.Equal(["language", "meeting", "factors"], checks.Where(c => !c.Met).Select(c => c.Key));
        Assert.Equal("3 notes are open on the Language page: reword them, or mark them intentional.", checks[0].Detail);
        Assert.Equal("The meeting is still to come.", checks[1].Detail);
        Assert.Equal([PublishChecklist.Meeting], skipped.Select(s => s.Check.Key));
        Assert.Contains("still open", errors.For("skip.factors").Single());
        Assert.Contains($"{PublishChecklist.ReasonMaxLength} characters", errors.For("skip.language").Single());
        Assert.False(errors.Has("skip.takeaways"));
    }

    [Fact]
    public void AnUnknownItem_IsNamed()
    {
        var checks = PublishChecklist.Check(new PublishFacts(0, Now.AddDays(-1), 2, 3), Now);

        var (errors, _) = PublishChecklist.Skip(checks, new Dictionary<string, string?> { ["vibes"] = "good" });

        Assert.Contains("no item \"vibes\"", errors.For("skipped").Single());
    }

    [Theory]
    [InlineData(ReviewAction.Contribute, false)]
    [InlineData(ReviewAction.EditOthersAccounts, false)]
    [InlineData(ReviewAction.TagThemes, false)]
    [InlineData(ReviewAction.MergePeople, false)]
    [InlineData(ReviewAction.RunRoom, false)]
    [InlineData(ReviewAction.TakeNotes, false)]
    [InlineData(ReviewAction.Read, true)]
    [InlineData(ReviewAction.Publish, true)]
    [InlineData(ReviewAction.ReadPrivateNotes, true)]
    [InlineData(ReviewAction.ManageAccess, true)]
    public void APublishedReview_KeepsItsStory_ForItsFacilitatorsAndAdminsAlike(ReviewAction action, bool allowed)
    {
        var facilitator = new ReviewStanding(true, false, new HashSet<ParticipantRole> { ParticipantRole.Facilitator }, true, false, IsPublished: true);
        var admin = new ReviewStanding(true, true, new HashSet<ParticipantRole>(), false, false, IsPublished: true);

        Assert.Equal(allowed, ReviewAccess.Allows(facilitator, action));
        Assert.Equal(allowed, ReviewAccess.Allows(admin, action));
        Assert.True(ReviewAccess.Allows(facilitator with { IsPublished = false }, action));
    }
}
