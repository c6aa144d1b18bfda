using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>A finding of the coach marked as intentional (a quote, a term of art) for one review, or shown again.</summary>
public sealed record DismissRequest(string? Field, string? Rule, string? Text);

/// <summary>The language coach's per-review choices, the same from the review page and the API.</summary>
public sealed class LanguageOperations(FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions)
{
    public async Task MarkIntentionalAsync(Guid reviewId, DismissRequest request, CancellationToken ct)
    {
        var (field, rule, text) = Validate(request);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
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
        var (field, rule, text) = Validate(request);
        await permissions.EnsureAsync(ReviewAction.Contribute, reviewId, ct);
        var dismissal = await db.LanguageDismissals.FirstOrDefaultAsync(d => d.ReviewId == reviewId && d.Field == field && d.Rule == rule && d.Text == text, ct)
            ?? throw new NotFoundException("That finding is not marked as intentional in this review.");
        db.LanguageDismissals.Remove(dismissal);
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
