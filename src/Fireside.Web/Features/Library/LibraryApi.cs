using Fireside.Core.Library;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.Library;

/// <summary>The library over HTTP: search every review the caller may read, and the themes factors are filed under.</summary>
public static class LibraryApi
{
    public static void MapLibraryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync)
            .WithTags("Library")
            .WithSummary("Search every review: words (all must match), \"exact phrases\", OR, -word to leave one out. One result per review, with the parts it matched in, a snippet as plain text with the ranges that matched, and counts per filter.")
            .ProducesValidationProblem();

        app.MapGet("/api/reviews/{id:guid}/related", async (Guid id, LibraryOperations library, CancellationToken ct) => TypedResults.Ok(await library.RelatedAsync(id, ct)))
            .WithTags("Library")
            .WithSummary("Up to five related reviews, by shared themes, services and tags and by the words of this review's factors and takeaways, each with why.");

        var saved = app.MapGroup("/api/saved-searches").WithTags("Library");
        saved.MapGet("/", async (SavedSearchOperations operations, CancellationToken ct) => TypedResults.Ok(await operations.ListAsync(ct)))
            .WithSummary("Your saved searches and their subscriptions.");
        saved.MapPost("/", async Task<Created<SavedSearchView>> (SavedSearchInput input, SavedSearchOperations operations, CancellationToken ct) =>
        {
            var created = await operations.AddAsync(input, ct);
            return TypedResults.Created($"/api/saved-searches/{created.Id}", created);
        }).WithSummary("Save a search (q and the filters of GET /api/search, a name) and subscribe to it: byEmail, byWebhook. A newly published review that matches is sent once.").ProducesValidationProblem();
        saved.MapPut("/{savedId:guid}", async (Guid savedId, SavedSearchInput input, SavedSearchOperations operations, CancellationToken ct) =>
            TypedResults.Ok(await operations.UpdateAsync(savedId, input, ct))).WithSummary("Change a saved search or its subscription.").ProducesValidationProblem();
        saved.MapDelete("/{savedId:guid}", async Task<NoContent> (Guid savedId, SavedSearchOperations operations, CancellationToken ct) =>
        {
            await operations.DeleteAsync(savedId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Forget a saved search (and its subscription).");
        app.MapPost("/api/me/feed-token", async (SavedSearchOperations operations, CancellationToken ct) =>
            TypedResults.Ok(new FeedTokenResponse(await operations.NewFeedTokenAsync(ct))))
            .WithTags("Library")
            .WithSummary("A new personal feed token (shown once; an earlier one stops working), for /feeds/reviews.atom?token=… and /feeds/searches/{id}.atom?token=….");

        var themes = app.MapGroup("/api/themes").WithTags("Library");
        themes.MapGet("/", async (ThemeOperations operations, CancellationToken ct) => TypedResults.Ok(await operations.ListAsync(ct)))
            .WithSummary("The organisation's themes for contributing factors, with how many factors are filed under each.");
        themes.MapPost("/", async Task<Created<ThemeView>> (ThemeInput input, ThemeOperations operations, CancellationToken ct) =>
        {
            var theme = await operations.AddAsync(input, ct);
            return TypedResults.Created($"/api/themes/{theme.Id}", theme);
        }).WithSummary("Add a theme (admins).").ProducesValidationProblem();
        themes.MapPut("/{themeId:guid}", async (Guid themeId, ThemeInput input, ThemeOperations operations, CancellationToken ct) =>
            TypedResults.Ok(await operations.UpdateAsync(themeId, input, ct)))
            .WithSummary("Rename or redescribe a theme (admins); reviews filed under it are found under the new name at once.").ProducesValidationProblem();
        themes.MapDelete("/{themeId:guid}", async Task<NoContent> (Guid themeId, ThemeOperations operations, CancellationToken ct) =>
        {
            await operations.DeleteAsync(themeId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a theme (admins); the factors filed under it stay.");

        app.MapPut("/api/reviews/{id:guid}/factors/{factorId:guid}/themes", async (Guid id, Guid factorId, FactorThemesInput input, ThemeOperations operations, CancellationToken ct) =>
            TypedResults.Ok(new FactorThemesInput(await operations.SetFactorThemesAsync(id, factorId, input.Themes, ct))))
            .WithTags("After the meeting")
            .WithSummary("File a contributing factor under themes (by name), replacing what it was filed under. For the review's facilitators and admins.")
            .ProducesValidationProblem();
    }

    public sealed record FeedTokenResponse(string Token);

    /// <summary>The themes a factor is filed under, by name.</summary>
    public sealed record FactorThemesInput(IReadOnlyList<string>? Themes);

    private static async Task<Ok<SearchResults>> SearchAsync(
        string? q, string? service, string? tag, string? severity, string? status, string? theme, string? from, string? to, string? sort, string? page,
        SearchOperations search, CancellationToken ct) =>
        TypedResults.Ok(await search.SearchAsync(SearchRequest.FromText(q, service, tag, severity, status, from, to, sort, page, theme), ct));

    /// <summary>The library page's plain form posts: saving a search, and forgetting one.</summary>
    public static void MapLibraryPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/library/saved").ExcludeFromDescription().RequireAntiforgery();
        pages.MapPost("/", async (HttpContext http, SavedSearchOperations saved, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await FormPosts.BackAsync("/library", "saved", () => saved.AddAsync(new SavedSearchInput(
                form["name"], form["q"], form["service"], form["tag"], form["theme"], form["severity"], form["status"], form["byEmail"] == "true", form["byWebhook"] == "true"), ct));
        });
        pages.MapPost("/{savedId:guid}/remove", (Guid savedId, SavedSearchOperations saved, CancellationToken ct) =>
            FormPosts.BackAsync("/library", "saved", () => saved.DeleteAsync(savedId, ct)));
    }

    /// <summary>The admin page's plain form posts for the list of themes.</summary>
    public static void MapThemePageEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/themes").ExcludeFromDescription().RequireAntiforgery().RequireAuthorization(Policies.Admin);
        admin.MapPost("/add", async (HttpContext http, ThemeOperations themes, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await FormPosts.BackAsync("/admin/themes", "themes", () => themes.AddAsync(new ThemeInput(form["name"], form["description"]), ct));
        });
        admin.MapPost("/{themeId:guid}", async (Guid themeId, HttpContext http, ThemeOperations themes, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return await FormPosts.BackAsync("/admin/themes", "themes", () => themes.UpdateAsync(themeId, new ThemeInput(form["name"], form["description"]), ct));
        });
        admin.MapPost("/{themeId:guid}/remove", (Guid themeId, ThemeOperations themes, CancellationToken ct) =>
            FormPosts.BackAsync("/admin/themes", "themes", () => themes.DeleteAsync(themeId, ct)));
    }
}
