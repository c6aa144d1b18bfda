using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Fireside.Language;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>A finding of the coach marked as intentional (a quote, a term of art) for one review, or shown again.</summary>
public sealed record DismissRequest(string? Field, string? Rule, string? Text);

/// <summary>A phrase the organisation keeps on purpose, as people type it: any category when <see cref="Category"/> is empty.</summary>
public sealed record SilencedInput(string? Phrase, string? Category);

/// <summary>The language coach's choices: per review (findings marked intentional) and for the whole organisation (silenced phrases).</summary>
public sealed class LanguageOperations(FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions)
{
    public async Task MarkIntentionalAsync(Guid reviewId, DismissRequest request, CancellationToken ct)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        var (field, rule, text) = Validate(request);
        if (!await db.Reviews.AnyAsync(r => r.Id == reviewId, ct))
        {
            throw ReviewOperations.MissingReview(reviewId);
        }

        var exists = await db.LanguageDismissals.AnyAsync(d => d.ReviewId == reviewId && d.Field == field && d.Rule == rule && d.Text == text, ct);
        if (!exists)
        {
            db.LanguageDismissals.Add(new LanguageDismissal { ReviewId = reviewId, Field = field, Rule = rule, Text = text, CreatedById = user.Id, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task ShowAgainAsync(Guid reviewId, DismissRequest request, CancellationToken ct)
    {
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        var (field, rule, text) = Validate(request);
        var dismissal = await db.LanguageDismissals.FirstOrDefaultAsync(d => d.ReviewId == reviewId && d.Field == field && d.Rule == rule && d.Text == text, ct)
            ?? throw new NotFoundException("That finding is not marked as intentional in this review.");
        db.LanguageDismissals.Remove(dismissal);
        await db.SaveChangesAsync(ct);
    }

    public const string SilencedSetting = "language.silenced";
    public const int MaxSilenced = 200;

    /// <summary>The organisation's silenced phrases, as saved (the coach adds these to .fireside.yml's own).</summary>
    public async Task<IReadOnlyList<SilencedPhrase>> SilencedAsync(CancellationToken ct) =>
        ParseSilenced(await SilencedValueAsync(db, ct));

    /// <summary>The stored value as it is; it changes whenever the list does, so it can key a cache.</summary>
    public static Task<string?> SilencedValueAsync(FiresideDb db, CancellationToken ct) =>
        db.Settings.AsNoTracking().Where(s => s.Key == SilencedSetting).Select(s => s.Value).FirstOrDefaultAsync(ct);

    public static IReadOnlyList<SilencedPhrase> ParseSilenced(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var stored = System.Text.Json.JsonSerializer.Deserialize<List<SilencedInput>>(value, System.Text.Json.JsonSerializerOptions.Web) ?? [];
        return [.. stored.Select(s => new SilencedPhrase(s.Phrase!, CategoryNames.TryParse(s.Category, out var c) ? c : null))];
    }

    /// <summary>Replaces the organisation's list (admins). Each phrase passes the same check as in .fireside.yml.</summary>
    public async Task SetSilencedAsync(IReadOnlyList<SilencedInput>? phrases, CancellationToken ct)
    {
        permissions.EnsureAdmin("Silencing a phrase for everyone");
        var errors = new ValidationErrors();
        phrases ??= [];
        if (phrases.Count > MaxSilenced)
        {
            errors.Add("phrases", $"That is {phrases.Count} phrases; the list holds up to {MaxSilenced}.");
        }

        var clean = new List<SilencedInput>();
        foreach (var (item, index) in phrases.Select((p, i) => (p, i)))
        {
            if (CoachOptions.SilenceProblem(item.Phrase) is { } problem)
            {
                errors.Add($"phrases[{index}]", $"Phrase {index + 1}: {problem}");
                continue;
            }

            string? category = null;
            if (!string.IsNullOrWhiteSpace(item.Category))
            {
                if (!CategoryNames.TryParse(item.Category, out var parsed))
                {
                    errors.Add($"phrases[{index}]", $"Phrase {index + 1}: \"{item.Category}\" is not a category. Use one of: {string.Join(", ", CategoryNames.All)}, or leave it empty for all.");
                    continue;
                }

                category = parsed.Name();
            }

            var phrase = string.Join(' ', item.Phrase!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (!clean.Any(c => string.Equals(c.Phrase, phrase, StringComparison.OrdinalIgnoreCase) && c.Category == category))
            {
                clean.Add(new SilencedInput(phrase, category));
            }
        }

        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == SilencedSetting, ct);
        if (setting is null)
        {
            setting = new OrgSetting { Key = SilencedSetting };
            db.Settings.Add(setting);
        }

        setting.Value = System.Text.Json.JsonSerializer.Serialize(clean, System.Text.Json.JsonSerializerOptions.Web);
        await db.SaveChangesAsync(ct);
    }

    private static (string Field, string Rule, string Text) Validate(DismissRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Field) || request.Field.Length > 90)
        {
            errors.Add("field", "Please say which field the finding is in, such as summary or entry:{id}.");
        }

        if (string.IsNullOrWhiteSpace(request.Rule) || request.Rule.Length > 80)
        {
            errors.Add("rule", "Please give the finding's rule, such as hindsight.obvious.");
        }

        if (string.IsNullOrEmpty(request.Text) || request.Text.Length > 500)
        {
            errors.Add("text", "Please give the words the finding is about (up to 500 characters).");
        }

        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        return (request.Field!, request.Rule!, request.Text!);
    }
}
