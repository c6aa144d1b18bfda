using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Library;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>A theme as lists show it, with how many contributing factors are filed under it.</summary>
public sealed record ThemeView(Guid Id, string Name, string Description, int Factors);

/// <summary>
/// The organisation's themes for contributing factors (admins keep the list) and the factors filed under them
/// (the review's facilitators tag them after the meeting). The library counts and filters by them.
/// </summary>
public sealed class ThemeOperations(FiresideDb db, TimeProvider clock, Permissions permissions)
{
    public async Task<IReadOnlyList<ThemeView>> ListAsync(CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking()
            .OrderBy(t => t.Order).ThenBy(t => t.Name)
            .Select(t => new ThemeView(t.Id, t.Name, t.Description, db.FactorThemes.Count(f => f.ThemeId == t.Id)))
            .ToListAsync(cancellationToken);

    public async Task<ThemeView> AddAsync(ThemeInput input, CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("The list of themes");
        var names = await db.Themes.Select(t => t.Name).ToListAsync(cancellationToken);
        var errors = ThemeDefaults.Validate(input, names);
        if (names.Count >= Theme.MaxThemes)
        {
            errors.Add("name", $"There are {names.Count} themes already. A short list shows what keeps coming back; could one of them be merged or removed first?");
        }

        ReviewOperations.Throw(errors);
        var order = await db.Themes.Select(t => (int?)t.Order).MaxAsync(cancellationToken) ?? 0;
        var theme = new Theme { Name = input.Name!.Trim(), Description = input.Description?.Trim() ?? "", Order = order + 1, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Themes.Add(theme);
        await db.SaveChangesAsync(cancellationToken);
        return new ThemeView(theme.Id, theme.Name, theme.Description, 0);
    }

    /// <summary>Renames or redescribes a theme; the reviews filed under it are found under the new name at once.</summary>
    public async Task<ThemeView> UpdateAsync(Guid id, ThemeInput input, CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("The list of themes");
        var theme = await db.Themes.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw Missing(id);
        var others = await db.Themes.Where(t => t.Id != id).Select(t => t.Name).ToListAsync(cancellationToken);
        ReviewOperations.Throw(ThemeDefaults.Validate(input, others));
        theme.Name = input.Name!.Trim();
        theme.Description = input.Description?.Trim() ?? "";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var reviews = await ReviewsUsingAsync(id, cancellationToken);
        await RefreshAsync(reviews, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ThemeView(theme.Id, theme.Name, theme.Description, await db.FactorThemes.CountAsync(f => f.ThemeId == id, cancellationToken));
    }

    /// <summary>Removes a theme; the factors filed under it stay, untagged from it.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("The list of themes");
        var theme = await db.Themes.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw Missing(id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reviews = await ReviewsUsingAsync(id, cancellationToken);
        db.FactorThemes.RemoveRange(await db.FactorThemes.Where(f => f.ThemeId == id).ToListAsync(cancellationToken));
        db.Themes.Remove(theme);
        db.SearchRefreshDeferred = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.SearchRefreshDeferred = false;
        }

        await RefreshAsync(reviews, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The themes each of a review's factors is filed under, by factor.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> OfFactorsAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        var tags = await db.FactorThemes.AsNoTracking()
            .Where(f => f.ReviewId == reviewId)
            .Join(db.Themes, f => f.ThemeId, t => t.Id, (f, t) => new { f.FactorId, t.Name, t.Order })
            .ToListAsync(cancellationToken);
        return tags.GroupBy(t => t.FactorId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.OrderBy(t => t.Order).Select(t => t.Name)]);
    }

    /// <summary>Files one contributing factor under these themes (by name, any case), replacing what it was filed under.</summary>
    public async Task<IReadOnlyList<string>> SetFactorThemesAsync(Guid reviewId, Guid factorId, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.TagThemes, reviewId, cancellationToken);
        if (!await db.ContributingFactors.AnyAsync(f => f.Id == factorId && f.ReviewId == reviewId, cancellationToken))
        {
            throw new NotFoundException($"This review has no contributing factor with id {factorId}.");
        }

        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.Order).ToListAsync(cancellationToken);
        var wanted = (names ?? []).Select(n => n?.Trim() ?? "").Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = wanted.Where(n => !themes.Any(t => string.Equals(t.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw DomainValidationException.For("themes", $"There is no theme called \"{Shorten(unknown[0])}\". The themes are: {string.Join(", ", themes.Select(t => t.Name))}.");
        }

        var chosen = themes.Where(t => wanted.Contains(t.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        db.FactorThemes.RemoveRange(await db.FactorThemes.Where(f => f.FactorId == factorId).ToListAsync(cancellationToken));
        db.FactorThemes.AddRange(chosen.Select(t => new FactorTheme { FactorId = factorId, ThemeId = t.Id, ReviewId = reviewId }));
        await db.SaveChangesAsync(cancellationToken);
        return [.. chosen.Select(t => t.Name)];
    }

    private Task<List<Guid>> ReviewsUsingAsync(Guid themeId, CancellationToken cancellationToken) =>
        db.FactorThemes.Where(f => f.ThemeId == themeId).Select(f => f.ReviewId).Distinct().ToListAsync(cancellationToken);

    private async Task RefreshAsync(List<Guid> reviews, CancellationToken cancellationToken)
    {
        foreach (var chunk in reviews.Chunk(500))
        {
            await db.RefreshSearchAsync(chunk, cancellationToken);
        }
    }

    private static NotFoundException Missing(Guid id) => new($"There is no theme with id {id}.");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
