namespace Fireside.Core.Facilitation;

/// <summary>The part someone plays in a review. One person can hold several (an actor who also takes notes).</summary>
public enum ParticipantRole
{
    /// <summary>Runs the review; ideally someone who was not involved in the incident.</summary>
    Facilitator,

    /// <summary>Helps the facilitator and raises questions they may not think of.</summary>
    CoFacilitator,

    /// <summary>Learns the craft by watching and helping.</summary>
    ShadowFacilitator,

    /// <summary>Writes down the discussion, so the facilitator can keep their attention on people.</summary>
    NoteTaker,

    /// <summary>Took part in the incident; tells the story.</summary>
    Actor,

    /// <summary>Anyone else who comes: a team involved, or someone curious.</summary>
    Attendee,
}

/// <summary>One person in one role on a review.</summary>
public sealed class Participant
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }

    /// <summary>The Fireside account with that email, when there is one (facilitators need one to read their private notes). Local to one Fireside, so never exported.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? UserId { get; set; }
    public ParticipantRole Role { get; set; }

    /// <summary>For actors: one of the people at the centre of the story (their attendance matters most).</summary>
    public bool IsMainActor { get; set; }

    /// <summary>The team the person is on, to spot a facilitator from a team that was involved.</summary>
    public string? Team { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool IsFacilitating => Role is ParticipantRole.Facilitator or ParticipantRole.CoFacilitator;

    /// <summary>Whether this is the same person as <paramref name="other"/>: by email when both have one, else by name.</summary>
    public bool SamePerson(Participant other) =>
        Email is { Length: > 0 } && other.Email is { Length: > 0 }
            ? string.Equals(Email, other.Email, StringComparison.OrdinalIgnoreCase)
            : SameName(Name, other.Name);

    public static bool SameName(string a, string b) => Reviews.PersonNames.Same(a, b);
}

/// <summary>What is sent to add someone to a review.</summary>
public sealed record ParticipantInput
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public ParticipantRole? Role { get; init; }
    public bool? IsMainActor { get; init; }
    public string? Team { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        var name = Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", "Please give the person's name.");
        }
        else if (name.Length > 200)
        {
            errors.Add("name", $"The name is {name.Length} characters long; please keep it to 200.");
        }

        if (Role is null || !Enum.IsDefined(Role.Value))
        {
            errors.Add("role", "Please choose a role: facilitator, co-facilitator, shadow facilitator, note taker, actor or attendee.");
        }

        if (!string.IsNullOrWhiteSpace(Email) && (Email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(Email.Trim(), out _)))
        {
            errors.Add("email", $"\"{Email.Trim()}\" does not look like an email address.");
        }

        if (Team is { Length: > 100 })
        {
            errors.Add("team", $"The team name is {Team.Length} characters long; please keep it to 100.");
        }

        return errors;
    }
}
