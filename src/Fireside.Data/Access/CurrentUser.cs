namespace Fireside.Data;

/// <summary>
/// The person behind this request, hub call or command: one per scope. The web app fills it from the sign-in
/// (cookie or API token); the command line acts as the operator of the machine, with an admin's rights.
/// </summary>
public sealed class CurrentUser
{
    public string? Id { get; private set; }

    public string Name { get; private set; } = "";

    public bool IsAdmin { get; private set; }

    /// <summary>The API token this request came with, by its name (null for the pages and the command line).</summary>
    public string? Via { get; set; }

    /// <summary>The network address the request came from (for the audit log); null for the command line.</summary>
    public string? Address { get; set; }

    /// <summary>Someone is signed in (or this is the command line, which runs as the operator).</summary>
    public bool IsSignedIn { get; private set; }

    public static CurrentUser Operator() => new() { Name = "Fireside command line", IsAdmin = true, IsSignedIn = true };

    public static CurrentUser Person(string id, string name, bool isAdmin) => new CurrentUser().Become(id, name, isAdmin);

    /// <summary>Sets who this scope acts for (the web app calls it once per request or hub call).</summary>
    public CurrentUser Become(string? id, string name, bool isAdmin)
    {
        Id = id;
        Name = name;
        IsAdmin = id is not null && isAdmin;
        IsSignedIn = id is not null;
        return this;
    }
}
