namespace Fireside.Core.Access;

/// <summary>
/// One event in the organisation's audit log, kept for good: sign-ins and failed sign-ins, accounts added,
/// switched off and on, roles, API tokens, access to restricted reviews and their exports. Who did it (or
/// nobody, for a failed sign-in), from where, to whom or what, and a line on what happened.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The account that acted, or null (a failed sign-in, the command line's operator).</summary>
    public string? ActorId { get; set; }

    /// <summary>Their name at the time (names change; the record does not).</summary>
    public string ActorName { get; set; } = "";

    /// <summary>The API token it came through, by its name; null for the pages and the command line.</summary>
    public string? Via { get; set; }

    /// <summary>What happened: one of <see cref="AuditKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Whom or what it was about, as people read it (an email, a token's name, a review's id).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The account it was about, when it was about one.</summary>
    public string? SubjectId { get; set; }

    /// <summary>The review it was about, when it was about one (a restricted review's events never carry its title).</summary>
    public Guid? ReviewId { get; set; }

    public string? Detail { get; set; }

    /// <summary>The network address the request came from, when there was a request.</summary>
    public string? Address { get; set; }

    public const int SubjectMaxLength = 256;

    public const int DetailMaxLength = 500;
}

/// <summary>The kinds of event the audit log keeps.</summary>
public static class AuditKinds
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignedOut = "signed-out";
    public const string AccountAdded = "account-added";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string AccountRemoved = "account-removed";
    public const string RoleChanged = "role-changed";
    public const string PasswordChanged = "password-changed";
    public const string PasswordResetStarted = "password-reset-started";
    public const string PasswordReset = "password-reset";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string VisibilityChanged = "visibility-changed";
    public const string AccessRequested = "access-requested";
    public const string AccessGranted = "access-granted";
    public const string AccessDeclined = "access-declined";
    public const string AccessRevoked = "access-revoked";
    public const string RestrictedExported = "restricted-exported";

    public static IReadOnlyList<string> All { get; } =
    [
        SignedIn, SignInFailed, SignedOut, AccountAdded, AccountDisabled, AccountEnabled, AccountRemoved, RoleChanged,
        PasswordChanged, PasswordResetStarted, PasswordReset, TokenCreated, TokenRevoked,
        VisibilityChanged, AccessRequested, AccessGranted, AccessDeclined, AccessRevoked, RestrictedExported,
    ];

    /// <summary>How each kind reads on the audit page.</summary>
    public static string Label(string kind) => kind switch
    {
        SignedIn => "Signed in",
        SignInFailed => "Sign-in refused",
        SignedOut => "Signed out",
        AccountAdded => "Account added",
        AccountDisabled => "Account switched off",
        AccountEnabled => "Account switched on",
        AccountRemoved => "Account removed",
        RoleChanged => "Role changed",
        PasswordChanged => "Password changed",
        PasswordResetStarted => "Password reset started",
        PasswordReset => "Password reset",
        TokenCreated => "API token made",
        TokenRevoked => "API token revoked",
        VisibilityChanged => "Visibility changed",
        AccessRequested => "Access asked for",
        AccessGranted => "Access granted",
        AccessDeclined => "Access request declined",
        AccessRevoked => "Access taken back",
        RestrictedExported => "Restricted review exported",
        _ => kind,
    };
}
