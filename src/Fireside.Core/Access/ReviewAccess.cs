using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;

namespace Fireside.Core.Access;

/// <summary>The things a person may or may not do to one review. docs/permissions.md is the same table in words.</summary>
public enum ReviewAction
{
    /// <summary>Read the review, its timeline, accounts, room and outcome.</summary>
    Read,

    /// <summary>Add to and change the shared story: fields, moments, accounts of one's own, images, scope, imports, takeaways, interviews, the meeting time.</summary>
    Contribute,

    /// <summary>Move the review to Reviewed, back from it, publish or unpublish it.</summary>
    Publish,

    /// <summary>Move the review to the deleted list, or bring it back.</summary>
    Delete,

    /// <summary>Hand out (or take away) the facilitator, co-facilitator and shadow roles.</summary>
    GrantFacilitation,

    /// <summary>Read and write the facilitators' private notes, and see the survey's results.</summary>
    ReadPrivateNotes,

    /// <summary>Run the meeting room: the clock, the agenda, moving through the timeline, marking parking-lot items done.</summary>
    RunRoom,

    /// <summary>Write the room's notes.</summary>
    TakeNotes,

    /// <summary>Change or remove an account someone else wrote.</summary>
    EditOthersAccounts,

    /// <summary>File the review's contributing factors under the organisation's themes.</summary>
    TagThemes,

    /// <summary>Restrict the review to the people involved, or open it to everyone, and grant or take back access by name.</summary>
    ManageAccess,

    /// <summary>Say that two names in the review are one person: their moments, accounts and roles are put together, and the name is remembered for later imports.</summary>
    MergePeople,
}

/// <summary>Who may read a review.</summary>
public enum ReviewVisibility
{
    /// <summary>Everyone signed in (the default).</summary>
    Organisation,

    /// <summary>Only its participants (any role), the people granted access by name, and admins.</summary>
    Restricted,
}

/// <summary>Who someone is to one review: their roles on it, whether they are an admin, and what the review already holds.</summary>
public sealed record ReviewStanding(
    bool IsSignedIn, bool IsAdmin, IReadOnlySet<ParticipantRole> Roles, bool HasAnyFacilitation, bool HasPrivateNotes,
    bool IsRestricted = false, bool IsGranted = false, bool IsPublished = false)
{
    public static readonly ReviewStanding Nobody = new(false, false, new HashSet<ParticipantRole>(), false, false);

    /// <summary>Whether the person may read the review at all: everyone signed in, unless it is restricted and they are neither in it nor granted access.</summary>
    public bool MayRead => IsSignedIn && (IsAdmin || !IsRestricted || Roles.Count > 0 || IsGranted);

    /// <summary>Facilitator or co-facilitator: the people who run the review.</summary>
    public bool Facilitates => Roles.Contains(ParticipantRole.Facilitator) || Roles.Contains(ParticipantRole.CoFacilitator);
}

/// <summary>The one place that decides who may do what to a review. Pure: the data layer finds the standing, this answers.</summary>
public static class ReviewAccess
{
    public static bool Allows(ReviewStanding who, ReviewAction action)
    {
        if (!who.IsSignedIn)
        {
            return false;
        }

        if (who.IsPublished && ChangesTheStory(action))
        {
            // A published review reads as it was agreed, for admins too, until its facilitators reopen it.
            return false;
        }

        if (who.IsAdmin)
        {
            return true;
        }

        if (!who.MayRead)
        {
            // A restricted review is closed to everyone outside it, for every action (taking a free facilitator role too).
            return false;
        }

        return action switch
        {
            ReviewAction.Read or ReviewAction.Contribute => true,
            ReviewAction.GrantFacilitation => who.Facilitates || (!who.HasAnyFacilitation && !who.HasPrivateNotes),
            ReviewAction.TakeNotes => who.Facilitates || who.Roles.Contains(ParticipantRole.NoteTaker),
            ReviewAction.Publish or ReviewAction.Delete or ReviewAction.ReadPrivateNotes or ReviewAction.RunRoom or ReviewAction.EditOthersAccounts or ReviewAction.TagThemes
                or ReviewAction.ManageAccess or ReviewAction.MergePeople => who.Facilitates,
            _ => false,
        };
    }

    /// <summary>
    /// What a published review keeps as it is: its story, accounts, outcome, themes, names and room. Reading it,
    /// reopening it, its roles, private notes and who may read it stay open.
    /// </summary>
    public static bool ChangesTheStory(ReviewAction action) =>
        action is ReviewAction.Contribute or ReviewAction.EditOthersAccounts or ReviewAction.TagThemes or ReviewAction.MergePeople
            or ReviewAction.RunRoom or ReviewAction.TakeNotes;

    /// <summary>What a person is told when they try to change a published review.</summary>
    public const string PublishedRefusal =
        "This review is published, so it stays as it was agreed. Its facilitators can reopen it to change it (After the meeting, Publish); the history shows when.";

    /// <summary>What someone outside a restricted review is told: that it exists, and how to ask (never its title).</summary>
    public const string RestrictedRefusal =
        "This review is open only to the people involved in it and those they invite. You can ask its facilitators for access.";

    /// <summary>What a person is told when they try something that is not theirs to do: why, and whom to ask.</summary>
    public static string Refusal(ReviewAction action) => action switch
    {
        ReviewAction.Publish => "The review's facilitators (or an admin) mark it reviewed, publish it or take it back.",
        ReviewAction.Delete => "The review's facilitators (or an admin) delete a review or bring it back.",
        ReviewAction.GrantFacilitation => "Facilitator, co-facilitator and shadow roles open the review's private notes, so the review's facilitators or an admin hand them out. Ask one of them to add you.",
        ReviewAction.ReadPrivateNotes => "Only the review's facilitator, co-facilitators and admins can read its private notes and the survey's results.",
        ReviewAction.RunRoom => "The review's facilitators run the clock, shape the agenda, move through the timeline and mark parking-lot items talked about.",
        ReviewAction.TakeNotes => "The note taker and the facilitators write the room's notes.",
        ReviewAction.TagThemes => "The review's facilitators (or an admin) file its contributing factors under themes, after the meeting.",
        ReviewAction.EditOthersAccounts => "An account belongs to the person who wrote it: they, the review's facilitators or an admin can change or remove it.",
        ReviewAction.ManageAccess => "The review's facilitators (or an admin) decide who may read it: everyone, or only the people involved and those they name.",
        ReviewAction.MergePeople => "The review's facilitators (or an admin) put two names together as one person, because it changes everyone's moments and accounts.",
        _ => "Please sign in first.",
    };

    /// <summary>Roles that open the private notes or lead the review, so only the people in <see cref="ReviewAction.GrantFacilitation"/> hand them out.</summary>
    public static bool IsFacilitationRole(ParticipantRole role) =>
        role is ParticipantRole.Facilitator or ParticipantRole.CoFacilitator or ParticipantRole.ShadowFacilitator;

    /// <summary>
    /// The right a status change needs, or null when the review cannot move that way at all. Planning moves
    /// (draft, preparing, scheduled) are anyone's; reaching or leaving Reviewed and Published is the facilitators'.
    /// </summary>
    public static ReviewAction? StatusChange(ReviewStatus from, ReviewStatus to)
    {
        static bool Planning(ReviewStatus s) => s is ReviewStatus.Draft or ReviewStatus.Preparing or ReviewStatus.Scheduled;
        return (from, to) switch
        {
            _ when from == to => ReviewAction.Contribute,
            _ when Planning(from) && Planning(to) => ReviewAction.Contribute,
            (_, ReviewStatus.Reviewed) when Planning(from) => ReviewAction.Publish,
            (ReviewStatus.Reviewed, _) when Planning(to) => ReviewAction.Publish,
            (_, ReviewStatus.Published) => ReviewAction.Publish,
            (ReviewStatus.Published, ReviewStatus.Reviewed) => ReviewAction.Publish,
            _ => null,
        };
    }

    /// <summary>The statuses a review may move to from here, for someone with this standing (the current one first).</summary>
    public static IReadOnlyList<ReviewStatus> NextStatuses(ReviewStatus from, ReviewStanding who) =>
        [.. Enum.GetValues<ReviewStatus>().Where(to => StatusChange(from, to) is { } needs && Allows(who, needs))];
}
