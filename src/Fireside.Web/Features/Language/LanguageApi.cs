using Fireside.Core;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Language;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Language;

public sealed record CheckRequest(string? Text, string? Kind);

public sealed record FindingView(
    string Category, string Rule, string Severity, int Line, int Column, int EndLine, int EndColumn, int Start, int End,
    string Text, string Message, string Suggestion)
{
    public static FindingView From(Finding f) => new(
        f.CategoryName, f.Rule, f.Severity.Name(), f.Line, f.Column, f.EndLine, f.EndColumn, f.Start, f.End, f.Text, f.Message, f.Suggestion);
}

public sealed record CheckResponse(IReadOnlyList<FindingView> Findings);

public sealed record ReviewFindingView(string Field, string FieldLabel, bool Intentional, FindingView Finding);


/// <summary>The language coach over HTTP: for any text, and for a review's texts.</summary>
public static class LanguageApi
{
    public const int MaxTextLength = 1_000_000;

    public static void MapLanguageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/language/check", async (CheckRequest request, OrganisationCoach organisationCoach, FiresideDb db, CancellationToken ct) =>
        {
            var text = request.Text ?? "";
            if (text.Length > MaxTextLength)
            {
                throw DomainValidationException.For("text", $"The text is {text.Length} characters long; the coach reads up to {MaxTextLength} at a time.");
            }

            var kind = request.Kind?.ToLowerInvariant() switch
            {
                null or "" or "markdown" => TextKind.Markdown,
                "plain" => TextKind.Plain,
                _ => throw DomainValidationException.For("kind", $"\"{request.Kind}\" is not a kind of text the coach knows. Use markdown or plain."),
            };
            var (coach, _) = await organisationCoach.CurrentAsync(db, ct);
            return TypedResults.Ok(new CheckResponse([.. coach.Check(text, kind).Select(FindingView.From)]));
        }).WithTags("Language").WithSummary("The coach's findings for a text (Markdown unless kind is plain).");

        var review = app.MapGroup("/api/reviews/{id:guid}/language").WithTags("Language");
        review.MapGet("/", async (Guid id, bool? intentional, FiresideDb db, Permissions permissions, ReviewFindings reviewFindings, CancellationToken ct) =>
        {
            await permissions.EnsureAsync(Fireside.Core.Access.ReviewAction.Read, id, ct);
            var findings = await reviewFindings.ForReviewAsync(db, id, ct) ?? throw ReviewOperations.MissingReview(id);
            return TypedResults.Ok(findings.Where(f => intentional == true || !f.Intentional).Select(f => new ReviewFindingView(f.Field, f.FieldLabel, f.Intentional, FindingView.From(f.Finding))).ToList());
        }).WithSummary("The coach's findings across a review's texts; pass intentional=true to include those marked intentional.");

        review.MapPost("/intentional", async Task<NoContent> (Guid id, DismissRequest request, LanguageOperations language, CancellationToken ct) =>
        {
            await language.MarkIntentionalAsync(id, request, ct);
            return TypedResults.NoContent();
        }).WithSummary("Mark a finding as intentional (a quote, a term of art) so it stops showing for this review.");

        app.MapGet("/api/language/silenced", async (LanguageOperations language, CancellationToken ct) =>
            TypedResults.Ok((await language.SilencedAsync(ct)).Select(s => new SilencedInput(s.Phrase, s.Category?.Name())).ToList()))
            .WithTags("Language").WithSummary("The phrases the organisation silenced: findings that overlap one are not shown (for its category only, when it names one).");

        app.MapPut("/api/language/silenced", async Task<NoContent> (List<SilencedInput> phrases, LanguageOperations language, OrganisationCoach organisationCoach, CancellationToken ct) =>
        {
            await language.SetSilencedAsync(phrases, ct);
            organisationCoach.Forget();
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).WithTags("Language").WithSummary("Replace the organisation's silenced phrases (admins): a list of {phrase, category}, category empty for all five.");

        // The admin page's forms: add one phrase, or show one again, keeping the rest of the list.
        var admin = app.MapGroup("/admin/language").ExcludeFromDescription().RequireAntiforgery().RequireAuthorization(Policies.Admin);
        admin.MapPost("/add", (HttpContext http, LanguageOperations language, OrganisationCoach organisationCoach, CancellationToken ct) =>
            ChangeSilencedAsync(http, language, organisationCoach, (list, phrase) => [.. list, phrase], ct));
        admin.MapPost("/remove", (HttpContext http, LanguageOperations language, OrganisationCoach organisationCoach, CancellationToken ct) =>
            ChangeSilencedAsync(http, language, organisationCoach, (list, phrase) =>
                [.. list.Where(p => !(string.Equals(p.Phrase, phrase.Phrase, StringComparison.OrdinalIgnoreCase) && (p.Category ?? "") == (phrase.Category ?? "")))], ct));

        review.MapDelete("/intentional", async Task<NoContent> (Guid id, string? field, string? rule, string? text, LanguageOperations language, CancellationToken ct) =>
        {
            await language.ShowAgainAsync(id, new DismissRequest(field, rule, text), ct);
            return TypedResults.NoContent();
        }).WithSummary("Show a finding again that was marked as intentional.");
    }

    private static async Task<IResult> ChangeSilencedAsync(
        HttpContext http, LanguageOperations language, OrganisationCoach organisationCoach,
        Func<List<SilencedInput>, SilencedInput, List<SilencedInput>> change, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var phrase = new SilencedInput(form["phrase"].ToString().Trim(), form["category"].ToString().Trim() is { Length: > 0 } c ? c : null);
        var current = (await language.SilencedAsync(ct)).Select(p => new SilencedInput(p.Phrase, p.Category?.Name())).ToList();
        try
        {
            await language.SetSilencedAsync(change(current, phrase), ct);
            organisationCoach.Forget();
            return PageNotices.Redirect("/admin/language", null, NoticeKind.Done, "Saved. The coach follows the new list from the next check.");
        }
        catch (DomainValidationException invalid)
        {
            return PageNotices.Redirect("/admin/language", null, NoticeKind.Problem, invalid.Errors.Messages());
        }
    }
}
