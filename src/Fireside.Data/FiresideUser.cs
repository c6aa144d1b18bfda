using Microsoft.AspNetCore.Identity;

namespace Fireside.Data;

/// <summary>A person who signs in to Fireside.</summary>
public sealed class FiresideUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone id (for example Europe/Berlin) used to show times.</summary>
    public string TimeZone { get; set; } = "UTC";

    public DateTime CreatedAt { get; set; }

    /// <summary>In the pool of volunteers asked when a review needs a facilitator.</summary>
    public bool VolunteersToFacilitate { get; set; }
}

/// <summary>Role names Fireside uses.</summary>
public static class Roles
{
    public const string Admin = "Admin";
}

/// <summary>A personal API token. Only a SHA-256 hash of the secret is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string UserId { get; set; }
    public FiresideUser? User { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token, so people can tell their tokens apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>When the token stops working by itself; null keeps it until it is revoked.</summary>
    public DateTime? ExpiresAt { get; set; }

    public bool WorksAt(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A browser session someone signed out of: its cookie is refused from then on, even if it was copied.</summary>
public sealed class EndedSession
{
    public required string Id { get; set; }

    /// <summary>When the cookie would have expired anyway; after that the row can go.</summary>
    public DateTime ExpiresAt { get; set; }
}
