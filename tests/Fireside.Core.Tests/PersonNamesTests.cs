using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;

namespace Fireside.Core.Tests;

public sealed class PersonNamesTests
{
    [Theory]
    [InlineData("Bob Jensen", "bob jensen")]
    [InlineData("  Bob   JENSEN ", "bob jensen")]
    [InlineData("Zoë", "zoe\u0308")]
    [InlineData("ＢＯＢ", "bob")]
    public void Names_ThatDifferOnlyInCaseSpacingOrForm_AreOnePerson(string a, string b) =>
        Assert.True(PersonNames.Same(a, b));

    [Theory]
    [InlineData("bob.j", "Bob Jensen")]
    [InlineData("Bob", "Bobby")]
    public void DifferentNames_StayApart_UntilSomeoneSaysSo(string a, string b) =>
        Assert.False(PersonNames.Same(a, b));

    [Fact]
    public void Merge_NeedsBothNames_AndTwoDifferentOnes()
    {
        Assert.Equal(["from", "into"], new PeopleMergeInput().Validate().ToDictionary().Keys.Order());
        Assert.Equal(["into"], new PeopleMergeInput { From = "bob.j", Into = "bob.j" }.Validate().ToDictionary().Keys.Order());
        Assert.Equal(["into"], new PeopleMergeInput { From = "bob.j", Into = new string('b', ReviewRules.ActorMaxLength + 1) }.Validate().ToDictionary().Keys.Order());
        Assert.Equal(["from"], new PeopleMergeInput { From = new string('b', 100_000), Into = "Bob" }.Validate().ToDictionary().Keys.Order());
        // Only the case changes: a fair way to fix how a name is written.
        Assert.True(new PeopleMergeInput { From = "bob jensen", Into = "Bob Jensen" }.Validate().IsValid);
    }

    [Fact]
    public void PuttingNamesTogether_IsForTheReviewsFacilitators()
    {
        ReviewStanding As(params ParticipantRole[] roles) => new(true, false, roles.ToHashSet(), true, false);

        Assert.True(ReviewAccess.Allows(As(ParticipantRole.Facilitator), ReviewAction.MergePeople));
        Assert.True(ReviewAccess.Allows(As(ParticipantRole.CoFacilitator), ReviewAction.MergePeople));
        Assert.False(ReviewAccess.Allows(As(ParticipantRole.Actor), ReviewAction.MergePeople));
        Assert.False(ReviewAccess.Allows(As(ParticipantRole.NoteTaker), ReviewAction.MergePeople));
        Assert.Contains("facilitators", ReviewAccess.Refusal(ReviewAction.MergePeople), StringComparison.Ordinal);
    }
}
