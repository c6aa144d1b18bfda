using Fireside.Core;
using Fireside.Core.Library;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>A saved search as its owner sees it, with the links to run it and to read it as a feed.</summary>
public sealed record SavedSearchView(Guid Id, string Name, string? Q, string? Service, string? Tag, string? Theme, string? Severity, string? Status, bool ByEmail, bool ByWebhook, DateTime CreatedAt)
{
    public static SavedSearchView From(SavedSearch s) => new(s.Id, s.Name, s.Query, s.Service, s.Tag, s.Theme, s.Severity, s.Status, s.ByEmail, s.ByWebhook, s.CreatedAt);
}

/// <summary>
/// Each person's saved searches and subscriptions, and their feed token. A saved search is its owner's alone:
/// anyone else asking for it is told there is no such search.
/// </summary>
public sealed class SavedSearchOperations(FiresideDb db, TimeProvider clock, CurrentUser user, SearchOperations search)
{
    private string Me => user.IsSignedIn && user.Id is { } id ? id : throw new ForbiddenException("Saved searches belong to people signed in to Fireside.");

    public async Task<IReadOnlyList<SavedSearchView>> ListAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        return [.. (await db.SavedSearches.AsNoTracking().Where(s => s.UserId == me).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken)).Select(SavedSearchView.From)];
    }

    public async Task<SavedSearch> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = Me;
        return await db.SavedSearches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.UserId == me, cancellationToken) ?? throw Missing(id);
    }

    public async Task<SavedSearchView> AddAsync(SavedSearchInput input, CancellationToken cancellationToken)
    {
        var me = Me;
        var saved = new SavedSearch { UserId = me, CreatedAt = clock.GetUtcNow().UtcDateTime };
        await ApplyAsync(saved, input, cancellationToken);
        if (await db.SavedSearches.CountAsync(s => s.UserId == me, cancellationToken) >= SavedSearch.MaxPerPerson)
        {
            throw DomainValidationException.For("name", $"You have {SavedSearch.MaxPerPerson} saved searches already. Could one of them go first?");
        }

        db.SavedSearches.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return SavedSearchView.From(saved);
    }

    public async Task<SavedSearchView> UpdateAsync(Guid id, SavedSearchInput input, CancellationToken cancellationToken)
    {
        var me = Me;
        var saved = await db.SavedSearches.FirstOrDefaultAsync(s => s.Id == id && s.UserId == me, cancellationToken) ?? throw Missing(id);
        await ApplyAsync(saved, input, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SavedSearchView.From(saved);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = Me;
        var saved = await db.SavedSearches.FirstOrDefaultAsync(s => s.Id == id && s.UserId == me, cancellationToken) ?? throw Missing(id);
        db.SavedSearches.Remove(saved);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new feed token for the current person (any earlier one stops working); the secret is shown once.</summary>
    public async Task<string> NewFeedTokenAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        var secret = "ff_" + ApiTokenSecrets.NewSecret()[ApiTokenSecrets.Prefix.Length..];
        var token = await db.FeedTokens.FirstOrDefaultAsync(t => t.UserId == me, cancellationToken);
        if (token is null)
        {
            token = new FeedToken { UserId = me };
            db.FeedTokens.Add(token);
        }

        token.Hash = ApiTokenSecrets.Hash(secret);
        token.CreatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public Task<bool> HasFeedTokenAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        return db.FeedTokens.AnyAsync(t => t.UserId == me, cancellationToken);
    }

    /// <summary>The person a feed token belongs to, to read feeds as (null for no such token, or an account that is switched off).</summary>
    public static async Task<CurrentUser?> FeedReaderAsync(FiresideDb db, string? secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200)
        {
            return null;
        }

        var hash = ApiTokenSecrets.Hash(secret.Trim());
        var owner = await db.FeedTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { u.Id, u.DisplayName, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is null || (owner.LockoutEnd is { } end && end > now))
        {
            return null;
        }

        var isAdmin = await Permissions.AdminIds(db).AnyAsync(id => id == owner.Id, cancellationToken);
        return CurrentUser.Person(owner.Id, owner.DisplayName, isAdmin);
    }

    /// <summary>Checks the search reads (the same checks as searching) and copies it onto the saved search.</summary>
    private async Task ApplyAsync(SavedSearch saved, SavedSearchInput input, CancellationToken cancellationToken)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var request = new SearchRequest { Q = Clean(input.Q), Service = Clean(input.Service), Tag = Clean(input.Tag), Theme = Clean(input.Theme), Severity = Clean(input.Severity), Status = Clean(input.Status), Limit = 1 };
        var errors = new ValidationErrors();
        if (request.Q is null && new[] { request.Service, request.Tag, request.Theme, request.Severity, request.Status }.All(f => f is null))
        {
            errors.Add("q", "Save a search with some words to look for, or a filter (a service, a tag or a theme).");
        }

        var name = Clean(input.Name) ?? request.Q ?? request.Theme ?? request.Service ?? request.Tag ?? request.Severity ?? request.Status ?? "";
        if (name.Length > SavedSearch.NameMaxLength)
        {
            errors.Add("name", $"A saved search's name is at most {SavedSearch.NameMaxLength} characters.");
        }

        foreach (var (field, value) in new[] { ("service", request.Service), ("tag", request.Tag), ("theme", request.Theme) })
        {
            if (value?.Length > 200)
            {
                errors.Add(field, $"That {field} is longer than any Fireside keeps.");
            }
        }

        ReviewOperations.Throw(errors);

        // The same reading as a search: a query or filter that cannot be read is refused here, not at delivery.
        await search.SearchAsync(request, cancellationToken);
        saved.Name = name;
        saved.Query = request.Q;
        saved.Service = request.Service;
        saved.Tag = request.Tag;
        saved.Theme = request.Theme;
        saved.Severity = request.Severity;
        saved.Status = request.Status;
        saved.ByEmail = input.ByEmail ?? saved.ByEmail;
        saved.ByWebhook = input.ByWebhook ?? saved.ByWebhook;
    }

    private static NotFoundException Missing(Guid id) => new($"You have no saved search with id {id}.");
}
