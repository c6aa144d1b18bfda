using Fireside.Core.Facilitation;
using Fireside.Core.Meetings;

namespace Fireside.Core.Reviews;

/// <summary>
/// A review with everything it holds, for keeping and for restoring elsewhere: the timeline with accounts
/// and images (uploaded ones inside, as base64), roles, interviews, the meeting and its room, notes,
/// parking lot, attendance, takeaways, contributing factors and remediation. Private facilitator notes
/// and survey answers stay behind: they belong to the people, not to the story.
/// </summary>
public sealed record ReviewArchive
{
    public const string CurrentFormat = "fireside-review/1";

    public string Format { get; init; } = CurrentFormat;
    public required Review Review { get; init; }
    public List<ArchivedImage> Images { get; init; } = [];
    public List<LanguageDismissal> LanguageDismissals { get; init; } = [];
    public List<Participant> Participants { get; init; } = [];
    public List<Interview> Interviews { get; init; } = [];
    public Meeting? Meeting { get; init; }
    public MeetingRoom? Room { get; init; }
    public List<MeetingNote> MeetingNotes { get; init; } = [];
    public List<ParkingLotItem> ParkingLot { get; init; } = [];
    public List<Attendance> Attendance { get; init; } = [];
    public List<Takeaway> Takeaways { get; init; } = [];
    public List<ContributingFactor> ContributingFactors { get; init; } = [];
    public List<RemediationItem> Remediation { get; init; } = [];

    /// <summary>The themes each contributing factor is filed under, by name (a restore keeps those this Fireside also has).</summary>
    public List<ArchivedFactorTheme> FactorThemes { get; init; } = [];

    /// <summary>
    /// The people granted access to a restricted review by name, by email (a restore grants those this Fireside also
    /// has). The review's visibility travels with the review itself.
    /// </summary>
    public List<ArchivedAccessGrant> AccessGrants { get; init; } = [];
}

/// <summary>One person granted access to a restricted review, by email.</summary>
public sealed record ArchivedAccessGrant(string Email, DateTime GrantedAt);

/// <summary>One contributing factor filed under one theme, named.</summary>
public sealed record ArchivedFactorTheme(Guid FactorId, string Theme);

/// <summary>The bytes of an uploaded image, base64 in the archive.</summary>
public sealed record ArchivedImage(Guid AttachmentId, string Base64);
