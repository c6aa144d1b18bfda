namespace Fireside.Core.Access;

/// <summary>A person given access to a restricted review by name, besides its participants and the admins.</summary>
public sealed class ReviewAccessGrant
{
    public Guid ReviewId { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>Who granted it (null when it came with a restored archive or with the review's creation).</summary>
    public string? GrantedById { get; set; }

    public DateTime GrantedAt { get; set; }
}

/// <summary>Someone outside a restricted review asking its facilitators to let them read it; one open request per person and review.</summary>
public sealed class AccessRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ReviewId { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>A line from the person on why they would like to read it (optional).</summary>
    public string Reason { get; set; } = "";

    public DateTime RequestedAt { get; set; }

    /// <summary>When a facilitator or admin granted or declined it; null while it waits.</summary>
    public DateTime? AnsweredAt { get; set; }

    public bool Granted { get; set; }

    public const int ReasonMaxLength = 1000;
}
